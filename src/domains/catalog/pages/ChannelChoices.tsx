import { Csrf, Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import type { EffectiveCatalog } from '../effectiveCatalog.ts';
import type { CatalogChange } from '../present.ts';

const CHANGE_LABELS = { added: '新增', removed: '删除', changed: '修改' } as const;

/** A community picks, per item, the channels it really uses, without touching the template. */
export function ChannelChoices({ ctx, effective, changes, saved }: { ctx: PageCtx; effective: EffectiveCatalog; changes: CatalogChange[]; saved?: boolean }) {
  return (
    <Layout ctx={ctx} title="本社区公开渠道">
      <h1>本社区公开渠道</h1>
      <p>
        本社区使用 {effective.own ? '本社区自己的' : `${effective.owner.name}发布的`}《{effective.catalog.title}》第 {effective.catalog.version} 版。
        {effective.own ? null : '下面可以为每个事项勾选本社区实际使用的公开渠道，不会改动上级的目录清单。'}
      </p>
      {saved ? <p class="notice notice-ok">已保存。</p> : null}
      {changes.length > 0 ? (
        <section class="card notice-warn">
          <h2>目录清单有新版本，以下事项有变化</h2>
          <ul>{changes.map((c) => <li key={c.key}>{CHANGE_LABELS[c.kind]}：{c.name}</li>)}</ul>
          <form method="post" action="/staff/channels/acknowledge" class="inline">
            <Csrf ctx={ctx} />
            <button type="submit" class="button">
              我已了解这些变化
            </button>
          </form>
        </section>
      ) : null}
      <form method="post" action="/staff/channels" class="stack">
        <Csrf ctx={ctx} />
        {effective.items.map((item) => (
          <fieldset class="card" key={item.id}>
            <legend>
              {item.seq}. {item.name}
            </legend>
            {item.effectiveChannels.map((c) => (
              <label class="check" key={c.name}>
                <input type="checkbox" name={`ch_${item.id}`} value={c.name} checked={c.selected === true} /> {c.name}
              </label>
            ))}
          </fieldset>
        ))}
        <button type="submit" class="button">
          保存渠道选择
        </button>
      </form>
    </Layout>
  );
}
