import type { ComponentChildren } from 'preact';
import { Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import type { OrgRow } from '../../org/index.ts';
import type { EffectiveItem } from '../effectiveCatalog.ts';
import { ItemFields } from './CatalogTree.tsx';

interface ItemPageProps {
  ctx: PageCtx;
  org: OrgRow;
  item: EffectiveItem;
  catalogTitle: string;
  /** The item's published records (the record domain's section, composed by the app). */
  children: ComponentChildren;
}

export function ItemPage({ ctx, org, item, catalogTitle, children }: ItemPageProps) {
  return (
    <Layout ctx={ctx} title={`${item.name} - ${org.name}`}>
      <nav class="breadcrumb" aria-label="当前位置">
        <a href="/">首页</a> › <a href={`/o/${org.code}`}>{org.name}</a> › {item.name}
      </nav>
      <h1>{item.name}</h1>
      <p class="muted">
        {org.name} · 《{catalogTitle}》第 {item.seq} 项
      </p>
      {children}
      <section class="card">
        <h2>这一事项的公开要求</h2>
        <ItemFields item={item} />
      </section>
    </Layout>
  );
}
