import { Layout } from '../../web/layout.tsx';
import type { PageCtx } from '../../web/page.ts';
import { ORG_KIND_LABELS, type OrgNode } from '../../domains/org/index.ts';
import { CatalogTree, type DomainGroup } from '../../domains/catalog/index.ts';
import { RecentRecords, type PublicRecordSummary } from '../../domains/record/index.ts';

// A province has thousands of communities: a page lists organisations down to the level where
// the list would pass this many links, and names how many each one has below it (its own page
// lists them). The demo and a district's own portal still show their whole tree.
const MOST_LINKS = 300;

/** How many levels of `nodes` to show: every level that keeps the list within MOST_LINKS (at least one). */
function levelsWithin(nodes: OrgNode[], most = MOST_LINKS): number {
  let levels = 0;
  let shown = 0;
  for (let level = nodes; level.length > 0; level = level.flatMap((n) => n.children)) {
    shown += level.length;
    if (levels > 0 && shown > most) break;
    levels++;
  }
  return levels;
}

function OrgList({ nodes, levels = levelsWithin(nodes) }: { nodes: OrgNode[]; levels?: number }) {
  return (
    <ul class="org-list">
      {nodes.map((n) => (
        <li key={n.code}>
          <a href={`/o/${n.code}`}>{n.name}</a> <span class="tag">{ORG_KIND_LABELS[n.kind]}</span>
          {n.children.length === 0 ? null : levels > 1 ? (
            <OrgList nodes={n.children} levels={levels - 1} />
          ) : (
            <span class="muted">
              {' '}
              下辖 {n.children.length} 个{ORG_KIND_LABELS[n.children[0]!.kind]}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The portal's front door: pick your district, street and community. */
export function HomePage({ ctx, tree, recent = [], now = new Date(0) }: { ctx: PageCtx; tree: OrgNode[]; recent?: PublicRecordSummary[]; now?: Date }) {
  const levels = levelsWithin(tree.flatMap((d) => d.children)); // once: every district shows as deep
  return (
    <Layout ctx={ctx} title="首页">
      <section class="hero">
        <h1>居务村务公开</h1>
        <p>查看您所在社区（村）依法公开的事务、财务和服务信息。请选择所在的区县、街道和社区。</p>
      </section>
      {recent.length > 0 ? <RecentRecords org={{ code: '', name: '全部地区' }} records={recent} now={now} showCommunity /> : null}
      {tree.length === 0 ? (
        <p class="empty">还没有任何组织。管理员可以用命令 <code>gongkai org add</code> 添加。</p>
      ) : (
        <nav aria-label="组织机构">
          {tree.map((district) => (
            <section class="card" key={district.code}>
              <h2>
                <a href={`/o/${district.code}`}>{district.name}</a>
              </h2>
              <OrgList nodes={district.children} levels={levels} />
            </section>
          ))}
        </nav>
      )}
    </Layout>
  );
}

interface OrgPageProps {
  ctx: PageCtx;
  org: OrgNode;
  trail: { code: string; name: string }[];
  children: OrgNode[];
  catalog: { title: string; version: number; groups: DomainGroup[] } | null;
  /** Latest records under this organisation that the visitor may read (record domain). */
  recent?: PublicRecordSummary[];
  now?: Date;
}

export function OrgPage({ ctx, org, trail, children, catalog, recent = [], now = new Date(0) }: OrgPageProps) {
  return (
    <Layout ctx={ctx} title={org.name}>
      <nav class="breadcrumb" aria-label="当前位置">
        <a href="/">首页</a>
        {trail.map((t) => (
          <span key={t.code}>
            {' › '}
            <a href={`/o/${t.code}`}>{t.name}</a>
          </span>
        ))}
      </nav>
      <h1>
        {org.name} <span class="tag">{ORG_KIND_LABELS[org.kind]}</span>
      </h1>
      <RecentRecords org={org} records={recent} now={now} showCommunity={org.kind !== 'community'} />
      <p class="ask-links">
        <a class="button button-secondary" href={`/o/${org.code}/ask`}>
          {org.kind === 'community' ? '向本社区查询' : '申请政府信息公开'}
        </a>{' '}
        <a href="/q">查询办理进度</a>
      </p>
      {children.length > 0 ? (
        <section class="card">
          <h2>下辖{org.kind === 'district' ? '街道（乡镇）' : '社区（村）'}</h2>
          <OrgList nodes={children} />
        </section>
      ) : catalog ? (
        <section>
          <h2>公开事项目录</h2>
          <p class="muted">
            依据《{catalog.title}》（第 {catalog.version} 版）。点击事项查看公开要求和公开记录。
          </p>
          <CatalogTree groups={catalog.groups} orgCode={org.code} />
        </section>
      ) : (
        <p class="empty">本社区还没有启用公开事项目录清单，暂无公开内容。</p>
      )}
    </Layout>
  );
}
