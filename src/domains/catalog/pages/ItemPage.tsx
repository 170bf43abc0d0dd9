import { Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import type { OrgRow } from '../../org/repository.ts';
import type { EffectiveItem } from '../effectiveCatalog.ts';
import { ItemFields } from './CatalogTree.tsx';

export function ItemPage({ ctx, org, item, catalogTitle }: { ctx: PageCtx; org: OrgRow; item: EffectiveItem; catalogTitle: string }) {
  return (
    <Layout ctx={ctx} title={`${item.name} - ${org.name}`}>
      <nav class="breadcrumb" aria-label="当前位置">
        <a href="/">首页</a> › <a href={`/o/${org.code}`}>{org.name}</a> › {item.name}
      </nav>
      <h1>{item.name}</h1>
      <p class="muted">
        {org.name} · 《{catalogTitle}》第 {item.seq} 项
      </p>
      <section class="card">
        <h2>公开记录</h2>
        <p class="empty">本社区还没有发布这一事项的公开记录。</p>
      </section>
      <section class="card">
        <h2>这一事项的公开要求</h2>
        <ItemFields item={item} />
      </section>
    </Layout>
  );
}
