/** 上一页 / 下一页 around a line saying where the reader is; a missing address leaves its link out. */
export function Pager({ prev, next, children }: { prev: string | null; next: string | null; children: preact.ComponentChildren }) {
  return (
    <nav class="pager" aria-label="翻页">
      {prev ? (
        <a class="button" href={prev} rel="prev">
          ‹ 上一页
        </a>
      ) : null}
      <span class="muted"> {children} </span>
      {next ? (
        <a class="button" href={next} rel="next">
          下一页 ›
        </a>
      ) : null}
    </nav>
  );
}
