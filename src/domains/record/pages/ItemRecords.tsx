import type { PageCtx } from '../../../web/page.ts';
import type { PublicRecordSummary } from '../publicView.ts';
import { RecordList } from './RecordList.tsx';

interface Props {
  ctx: PageCtx;
  orgId: number;
  itemId: number;
  records: PublicRecordSummary[];
  /** 特定群体 only: the item's records are for the community's signed-in residents. */
  residentsOnly: boolean;
  now: Date;
}

/** The records of one catalog item on its public page, newest first, with corrections marked. */
export function ItemRecords({ ctx, orgId, itemId, records, residentsOnly, now }: Props) {
  const mayRead = !residentsOnly || ctx.user?.orgId === orgId || (ctx.user && ctx.user.role !== 'resident');
  return (
    <section class="card">
      <h2>公开记录</h2>
      {residentsOnly ? <p class="muted small">本事项的公开对象为特定群体，记录只向本社区（村）登记居民公开。</p> : null}
      {records.length > 0 ? (
        <RecordList views={records} now={now} showItem={false} />
      ) : mayRead ? (
        <p class="empty">本社区还没有发布这一事项的公开记录。</p>
      ) : (
        <p class="empty">
          请本社区居民 <a href={`/my/login?next=${encodeURIComponent(ctx.path)}`}>登录</a> 后查看；还没有账户的可以 <a href="/register">用邀请码注册</a>。
        </p>
      )}
      {ctx.user?.role === 'editor' && ctx.user.orgId === orgId ? (
        <p>
          <a href={`/staff/records/new?item=${itemId}`}>发布这一事项的公开记录</a>
        </p>
      ) : null}
    </section>
  );
}
