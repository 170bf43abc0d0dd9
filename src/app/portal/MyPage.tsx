import { Csrf, Layout } from '../../web/layout.tsx';
import type { PageCtx } from '../../web/page.ts';
import { chineseDate, chineseDateOf } from '../../platform/time.ts';
import type { PublicRecordSummary } from '../../domains/record/index.ts';
import type { ResidentSubscription } from '../../domains/channel/index.ts';
import type { TrackingView } from '../../domains/request/index.ts';

export interface MyPageProps {
  ctx: PageCtx;
  org: { code: string; name: string };
  cases: (TrackingView & { subject: string })[];
  subscriptions: ResidentSubscription[];
  records: PublicRecordSummary[];
  welcome: boolean;
}

const SUBSCRIPTION_STATE: Record<ResidentSubscription['status'], string> = { pending: '等您在邮件里确认', active: '正在订阅', unsubscribed: '已退订' };

function Cases({ cases, org }: Pick<MyPageProps, 'cases' | 'org'>) {
  return (
    <section class="card" aria-labelledby="my-cases">
      <h2 id="my-cases">我提的问题和申请</h2>
      {cases.length === 0 ? (
        <p>
          您登录后还没有提过问题。想问社区的事，可以 <a href={`/o/${org.code}/ask`}>向社区提问</a>。
        </p>
      ) : (
        <ul class="my-list">
          {cases.map((c) => (
            <li key={c.trackingCode}>
              <div>
                {c.kindLabel}：{c.recordTitle ? `对“${c.recordTitle}”` : ''}
                {c.subject}
              </div>
              <div>
                办理情况：<span class="state">{c.stateLabel}</span>
                {c.dueOn ? `，${chineseDate(c.extendedDueOn ?? c.dueOn)}前答复` : ''}
              </div>
              <div class="small">
                查询码 <span class="mono">{c.trackingCode}</span> · <a href={`/q/${c.trackingCode}`}>查看办理经过</a>
              </div>
            </li>
          ))}
        </ul>
      )}
      <p class="small muted">
        没登录时提的问题，请用当时拿到的查询码 <a href="/q">查询进度</a>。
      </p>
    </section>
  );
}

function Subscriptions({ subscriptions, org }: Pick<MyPageProps, 'subscriptions' | 'org'>) {
  return (
    <section class="card" aria-labelledby="my-subs">
      <h2 id="my-subs">我的订阅</h2>
      {subscriptions.length === 0 ? (
        <p>
          还没有订阅。<a href={`/o/${org.code}/subscribe`}>订阅{org.name}的公开信息</a>，有新内容时会发邮件告诉您。
        </p>
      ) : (
        <ul class="my-list">
          {subscriptions.map((s) => (
            <li key={s.address}>
              <div class="mono">{s.address}</div>
              <div>
                <span class="state">{SUBSCRIPTION_STATE[s.status]}</span> · {s.items === 0 ? '全部公开事项' : `${s.items} 个公开事项`}
                {s.unsubscribePath ? (
                  <>
                    {' '}
                    · <a href={s.unsubscribePath}>退订</a>
                  </>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ResidentRecords({ records, org }: Pick<MyPageProps, 'records' | 'org'>) {
  return (
    <section class="card" aria-labelledby="my-records">
      <h2 id="my-records">只给本社区居民看的公示</h2>
      {records.length === 0 ? (
        <p>{org.name}现在没有只向本社区居民公开的内容。</p>
      ) : (
        <ul class="my-list">
          {records.map((r) => (
            <li key={r.id}>
              <a href={r.url}>{r.title}</a>
              <div class="small muted">
                {r.itemName} · {chineseDateOf(r.publishedAt)}公开
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** 我的: what a signed-in resident follows, in the order they are most likely to need it. */
export function MyPage({ ctx, org, cases, subscriptions, records, welcome }: MyPageProps) {
  const user = ctx.user!;
  return (
    <Layout ctx={ctx} title="我的">
      <div class="my-page">
        <h1>我的</h1>
        {welcome ? <p class="notice notice-ok">注册成功，欢迎您！</p> : null}
        <p class="lead">
          {user.displayName}，您好。您是 <a href={`/o/${org.code}`}>{org.name}</a> 的登记居民。
        </p>
        <ResidentRecords records={records} org={org} />
        <Cases cases={cases} org={org} />
        <Subscriptions subscriptions={subscriptions} org={org} />
        <form method="post" action="/logout" class="card">
          <Csrf ctx={ctx} />
          <p>用完公用电脑或别人的手机，请记得退出。</p>
          <button type="submit" class="button button-wide">
            退出登录
          </button>
        </form>
      </div>
    </Layout>
  );
}
