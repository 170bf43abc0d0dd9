/**
 * The full-screen page of a community's electronic bulletin board (公开栏电子屏). Every slide is
 * in the document; /static/screen.js shows one at a time, swaps in new content between slides
 * (no flicker), keeps the last content when the server cannot be reached, and reports plays.
 */
import type { Block } from './paginate.ts';
import type { Orientation } from './geometry.ts';
import type { OnAir } from './onAir.ts';
import type { Slide } from './slides.ts';
import { affairsWord } from '../text.ts';

export interface ScreenProps {
  code: string;
  communityName: string;
  orientation: Orientation;
  slides: Slide[];
  hash: string;
  onHours: string;
  /** When the screen and each windowed slide play, computed on the server; the script only obeys it. */
  onAir: OnAir;
  pollSeconds: number;
  emptyQr: string;
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'title':
      return block.continued ? <p class="cont">{block.text}（续）</p> : <h1>{block.text}</h1>;
    case 'para':
      return <p class={block.indent ? 'para indent' : 'para'}>{block.text}</p>;
    case 'note':
      return <p class="note">{block.text}</p>;
    case 'table':
      return (
        <table style={{ fontSize: `${block.em}em` }}>
          <caption>
            {block.caption}
            {block.continued ? '（续）' : ''}
          </caption>
          <colgroup>
            {block.widths.map((w, i) => (
              <col key={i} style={{ width: `${w}%` }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {block.columns.map((c) => (
                <th key={c.name}>{c.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) => (
                  <td key={i} class={`a-${block.columns[i]?.align ?? 'left'}`}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

export function SlideView({ slide, heading }: { slide: Slide; heading: string }) {
  return (
    <section class="slide" data-record={slide.recordId} data-version={String(slide.version)} data-page={String(slide.page)} data-seconds={String(slide.seconds)} data-windows={slide.windows}>
      <header class="bar">
        <span class="org">{heading}</span>
        <span class="item">{slide.itemName}</span>
      </header>
      <div class="content">
        {slide.blocks.map((b, i) => (
          <BlockView key={i} block={b} />
        ))}
      </div>
      <footer class="foot">
        <div class="meta">
          <div>{slide.published}</div>
          {slide.publicity ? <div class="pub">{slide.publicity}</div> : null}
        </div>
        <div class="pageno">
          第 {slide.page} / {slide.pages} 页
        </div>
        <figure class="qr">
          <img src={slide.qr} alt="本条公开内容网上原文的二维码" width={120} height={120} />
          <figcaption>
            扫码
            <br />
            看原文
          </figcaption>
        </figure>
      </footer>
    </section>
  );
}

/** Shown when nothing is playing: the community's name and a QR code to its page. */
function EmptySlide({ heading, qr }: { heading: string; qr: string }) {
  return (
    <section class="slide empty" data-empty="1" data-seconds="60" data-windows="">
      <header class="bar">
        <span class="org">{heading}</span>
      </header>
      <div class="content">
        <h1>暂无正在公开的内容</h1>
        <p class="para">请扫描二维码查看本社区全部公开内容。</p>
        <img class="big-qr" src={qr} alt="本社区公开页面的二维码" width={360} height={360} />
      </div>
    </section>
  );
}

export function SlidesFragment({ slides, heading, emptyQr }: { slides: Slide[]; heading: string; emptyQr: string }) {
  return (
    <>
      {slides.map((s) => (
        <SlideView key={`${s.recordId}-${s.page}`} slide={s} heading={heading} />
      ))}
      <EmptySlide heading={heading} qr={emptyQr} />
    </>
  );
}

export const screenHeading = (communityName: string): string => `${communityName} · ${affairsWord(communityName)}`;

export function ScreenDocument(p: ScreenProps) {
  const heading = screenHeading(p.communityName);
  return (
    <html lang="zh-CN" class={`screen ${p.orientation}`}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content={`width=${p.orientation === 'portrait' ? 1080 : 1920}`} />
        <title>{`${heading} - 电子屏`}</title>
        <link rel="stylesheet" href="/static/screen.css" />
        <script src="/static/screen.js" defer></script>
      </head>
      <body data-code={p.code} data-orientation={p.orientation} data-hash={p.hash} data-on-hours={p.onHours} data-on-air={JSON.stringify(p.onAir)} data-poll={String(p.pollSeconds)}>
        <main id="stage" aria-live="off">
          <SlidesFragment slides={p.slides} heading={heading} emptyQr={p.emptyQr} />
        </main>
        <div id="clock" aria-hidden="true"></div>
        <div id="standby" hidden>
          <p>{heading}</p>
          <p class="standby-note">本时段暂停播放{p.onHours ? `（每天 ${p.onHours.replace(/-/g, '–').replace(/,/g, '、')} 播放）` : ''}</p>
        </div>
        <div id="offline" hidden>
          网络连接中断，正在显示最近一次获取的内容
        </div>
      </body>
    </html>
  );
}
