/** Public pages: ask a community, request information from a street/district, object to a record, track a case. */
import { Csrf, Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import { chineseDate } from '../../../platform/time.ts';
import type { ObjectionTrail, TrackingView } from '../present.ts';
import { APPLICANT_TYPES } from '../reportRows.ts';

export interface AskFormProps {
  ctx: PageCtx;
  action: string;
  title: string;
  intro: string;
  formToken: string;
  allowAnonymous: boolean;
  clockText: string;
  error?: string;
  values?: Record<string, string>;
  trail?: ObjectionTrail[];
  /** A 政府信息公开申请 asks who applies: a person or an organisation (counted in the annual report). */
  askApplicantType?: boolean;
}

function Problem({ error }: { error?: string }) {
  return error ? (
    <p class="notice notice-error" role="alert">
      {error}
    </p>
  ) : null;
}

/** One form for all three kinds, in large type, few fields, plain words. */
export function AskFormPage({ ctx, action, title, intro, formToken, allowAnonymous, clockText, error, values = {}, trail, askApplicantType }: AskFormProps) {
  return (
    <Layout ctx={ctx} title={title}>
      <div class="big-form">
        <h1>{title}</h1>
        <p class="lead">{intro}</p>
        <p class="notice">{clockText}</p>
        <Problem error={error} />
        <form method="post" action={action} class="stack card">
          <Csrf ctx={ctx} />
          <input type="hidden" name="_ft" value={formToken} />
          <label>
            想了解或有疑问的事（标题）
            <input name="subject" required maxLength={100} value={values.subject ?? ''} />
          </label>
          <label>
            具体内容
            <textarea name="details" required rows={5} maxLength={2000}>
              {values.details ?? ''}
            </textarea>
          </label>
          {askApplicantType ? (
            <label>
              申请人是
              <select name="applicantType">
                {Object.entries(APPLICANT_TYPES).map(([k, v]) => (
                  <option key={k} value={k} selected={(values.applicantType || 'person') === k}>
                    {k === 'person' ? '个人（自然人）' : `单位：${v}`}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            您的姓名{askApplicantType ? '（单位申请请填经办人姓名）' : ''}
            <input name="name" maxLength={40} autoComplete="name" value={values.name ?? ''} />
          </label>
          <label>
            联系电话（手机号或带区号的固定电话）
            <input name="phone" type="tel" inputMode="tel" maxLength={20} autoComplete="tel" value={values.phone ?? ''} />
          </label>
          <label>
            联系地址（可不填）
            <input name="contact" maxLength={200} value={values.contact ?? ''} />
          </label>
          {allowAnonymous ? (
            <label class="check">
              <input type="checkbox" name="anonymous" /> 匿名提出（不留姓名和电话；只能凭查询码查看答复）
            </label>
          ) : null}
          <p class="muted small">您的姓名、电话和地址只用于答复您，不会在任何公开页面上显示。</p>
          <button type="submit" class="button">
            提交
          </button>
        </form>
        {trail ? <Trail trail={trail} /> : null}
      </div>
    </Layout>
  );
}

/** The record's trail: 公示 → 疑义 → 答复 (维持/更正/撤回), public, without anyone's name. */
export function Trail({ trail }: { trail: ObjectionTrail[] }) {
  return (
    <section class="card">
      <h2>这条公开内容收到的疑义及处理</h2>
      {trail.length === 0 ? <p class="muted">目前没有人提出疑义。</p> : null}
      <ol>
        {trail.map((t, i) => (
          <li key={i}>
            {chineseDate(t.receivedOn)} 收到疑义 · {t.stateLabel}
            {t.outcome ? `（${t.outcome}，${chineseDate(t.repliedOn ?? t.receivedOn)}答复）` : ''}
            {t.answer ? <p class="small">答复：{t.answer}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function SubmittedPage({ ctx, code, dueText }: { ctx: PageCtx; code: string; dueText: string }) {
  return (
    <Layout ctx={ctx} title="已收到">
      <div class="big-form">
        <h1>已收到，谢谢您</h1>
        <p class="lead">请记下您的查询码，凭它查看办理进度和答复：</p>
        <p class="tracking-code mono" aria-label="查询码">
          {code}
        </p>
        <p>{dueText}</p>
        <p>
          <a class="button" href={`/q/${code}`}>
            查看办理进度
          </a>
        </p>
      </div>
    </Layout>
  );
}

export function TrackFormPage({ ctx, error }: { ctx: PageCtx; error?: string }) {
  return (
    <Layout ctx={ctx} title="查询办理进度">
      <div class="big-form">
        <h1>查询办理进度</h1>
        <Problem error={error} />
        <form method="get" action="/q/find" class="stack card">
          <label>
            查询码（10 位）
            <input name="code" required maxLength={12} autoComplete="off" />
          </label>
          <button type="submit" class="button">
            查询
          </button>
        </form>
      </div>
    </Layout>
  );
}

export function TrackPage({ ctx, view }: { ctx: PageCtx; view: TrackingView }) {
  const date = (d: string | null) => (d ? chineseDate(d) : '—');
  return (
    <Layout ctx={ctx} title={`办理进度 ${view.trackingCode}`}>
      <div class="big-form">
        <h1>
          {view.kindLabel} · {view.stateLabel}
        </h1>
        <dl class="fields card">
          <div>
            <dt>查询码</dt>
            <dd class="mono">{view.trackingCode}</dd>
          </div>
          {view.recordTitle ? (
            <div>
              <dt>针对的公开内容</dt>
              <dd>{view.recordTitle}</dd>
            </div>
          ) : null}
          <div>
            <dt>收到日期</dt>
            <dd>{date(view.receivedOn)}</dd>
          </div>
          <div>
            <dt>答复期限</dt>
            <dd>
              {date(view.dueOn)}
              {view.extended ? `（已延长至${date(view.extendedDueOn)}）` : ''}
            </dd>
          </div>
          {view.replyLabel ? (
            <div>
              <dt>答复结果</dt>
              <dd>
                {view.replyLabel}（{date(view.repliedOn)}）
              </dd>
            </div>
          ) : null}
          {view.fileCount ? (
            <div>
              <dt>答复附件</dt>
              <dd>
                {view.fileCount} 个
                <br />
                <span class="muted">附件随答复书送达申请人，这里不列文件名（文件名可能含有个人信息）。</span>
              </dd>
            </div>
          ) : null}
        </dl>
        <section class="card">
          <h2>办理经过</h2>
          <ol>
            {view.steps.map((s, i) => (
              <li key={i}>
                {date(s.onDay)} {s.note}
              </li>
            ))}
          </ol>
        </section>
        <p class="muted small">答复书将按您留下的联系方式送达；本页不显示任何个人信息。</p>
      </div>
    </Layout>
  );
}
