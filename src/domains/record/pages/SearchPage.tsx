import { Layout } from '../../../web/layout.tsx';
import { Pager } from '../../../web/components/Pager.tsx';
import type { PageCtx } from '../../../web/page.ts';
import type { PublicSearchHit } from '../publicView.ts';
import { RecordList } from './RecordList.tsx';

/** The search box, on community, street and district pages and on the results page. */
export function SearchBox({ orgCode, orgName, q = '' }: { orgCode: string; orgName: string; q?: string }) {
  return (
    <form method="get" action="/search" class="search-box" role="search">
      <input type="hidden" name="org" value={orgCode} />
      <label for="search-q" class="visually-hidden">
        在{orgName}的公开记录中搜索
      </label>
      <input id="search-q" name="q" type="search" value={q} maxLength={50} placeholder={`搜索${orgName}的公开记录，如：低保`} />
      <button type="submit" class="button">
        搜索
      </button>
    </form>
  );
}

interface Props {
  ctx: PageCtx;
  org: { code: string; name: string };
  q: string;
  terms: string[];
  records: PublicSearchHit[];
  page: number;
  hasMore: boolean;
  now: Date;
}

function pageHref(org: { code: string }, q: string, page: number): string {
  const params = new URLSearchParams({ q, ...(org.code ? { org: org.code } : {}), ...(page > 1 ? { page: String(page) } : {}) });
  return `/search?${params.toString()}`;
}

/** 上一页 / 下一页 links: a page holds 20 records, in the same order every time. */
function SearchPager({ org, q, page, hasMore }: { org: { code: string }; q: string; page: number; hasMore: boolean }) {
  if (page === 1 && !hasMore) return null;
  return (
    <Pager prev={page > 1 ? pageHref(org, q, page - 1) : null} next={hasMore ? pageHref(org, q, page + 1) : null}>
      第 {page} 页
    </Pager>
  );
}

function summary(org: { name: string }, q: string, count: number, page: number, hasMore: boolean): string {
  if (page === 1 && !hasMore) return `在 ${org.name} 找到 ${count} 条与“${q}”有关的记录`;
  return `在 ${org.name} 搜索“${q}”：第 ${page} 页，本页 ${count} 条，最相关的在前`;
}

export function SearchPage({ ctx, org, q, terms, records, page, hasMore, now }: Props) {
  const extra = terms.filter((t) => t !== q.trim());
  return (
    <Layout ctx={ctx} title={q ? `搜索“${q}”` : '搜索公开记录'}>
      <nav class="breadcrumb" aria-label="当前位置">
        <a href="/">首页</a> › {org.code ? <a href={`/o/${org.code}`}>{org.name}</a> : org.name} › 搜索
      </nav>
      <h1>搜索公开记录</h1>
      <SearchBox orgCode={org.code} orgName={org.name} q={q} />
      {q ? (
        <section aria-live="polite">
          <p class="muted">
            {summary(org, q, records.length, page, hasMore)}
            {extra.length > 0 ? `（同时搜索了：${extra.join('、')}）` : ''}。
          </p>
          {records.length > 0 ? <RecordList views={records} now={now} terms={terms} showCommunity /> : <p class="empty">没有找到相关记录。可以换个说法再试，例如“低保”“财务”“救助”。</p>}
          <SearchPager org={org} q={q} page={page} hasMore={hasMore} />
        </section>
      ) : null}
    </Layout>
  );
}
