import type { TodoSection } from '../../web/todos.ts';

/** The to-do sections of the workday: each with its count, its first entries, and the page for all of them. */
export function WorkdayTodos({ sections }: { sections: TodoSection[] | undefined }) {
  if (!sections) return <p class="notice">待办事项暂时无法统计，请稍后刷新页面。</p>;
  if (sections.length === 0) return null;
  const total = sections.reduce((n, s) => n + s.count, 0);
  return (
    <section class="todos" aria-labelledby="todo-heading">
      <h2 id="todo-heading">{total > 0 ? `待办事项（${total} 件）` : '待办事项'}</h2>
      {total === 0 ? <p class="lead">今天没有需要您处理的事项。</p> : null}
      {sections.map((s) => (
        <section class={s.count > 0 ? 'card todo has-todo' : 'card todo'} key={s.key} id={`todo-${s.key}`}>
          <h3>
            {s.title} <span class={s.count > 0 ? 'badge todo-count' : 'badge'}>{s.count}</span>
          </h3>
          {s.count === 0 ? (
            <p class="muted">{s.empty}</p>
          ) : (
            <ul class="todo-list">
              {s.entries.map((e, i) => (
                <li key={i}>
                  <a href={e.href}>{e.label}</a>
                  {e.detail ? <span class="small muted">{e.detail}</span> : null}
                </li>
              ))}
            </ul>
          )}
          <p class="small">
            <a href={s.more.href}>{s.count > s.entries.length ? `查看全部 ${s.count} 件：${s.more.label}` : s.more.label}</a>
          </p>
        </section>
      ))}
    </section>
  );
}
