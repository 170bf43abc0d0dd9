/** Staff pages: the queue with each case's clock and one case with its actions (the letter: LetterPage.tsx). */
import { Csrf, Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import { chineseDate } from '../../../platform/time.ts';
import type { CaseAttachmentRow, CaseRow, StepRow } from '../repository.ts';
import type { StaffContact } from '../present.ts';
import { STEPS, type StepName } from '../steps.ts';
import { needsReason, REASONS_OF, RESULT_LABEL } from '../reportRows.ts';
import { KIND_LABELS, OUTCOMES, REPLY_KINDS, STATE_LABELS, type ReplyKind } from '../types.ts';
import { answerDueOf } from '../complianceLink.ts';
import { CaseRecordFacts, ChargeFields, VolumeFields } from './CaseExtras.tsx';
import { CaseFilesCard } from './CaseFiles.tsx';

const date = (d: string | null) => (d ? chineseDate(d) : '—');

/** 已逾期 (still open past its date), 逾期答复 (answered after it), 今天到期. */
function lateness(row: CaseRow, today: string): string {
  const due = answerDueOf(row);
  if (!due || row.state === 'abandoned') return '';
  if (row.repliedOn) return row.repliedOn > due ? '逾期答复' : '';
  if (row.state === 'correction_requested') return '';
  return due < today ? '已逾期' : due === today ? '今天到期' : '';
}

/** The yearly reports of the staff member's own organisation (the annual report only for a street or district). */
function ReportLinks({ ctx }: { ctx: PageCtx }) {
  const user = ctx.user;
  if (!user || user.role === 'resident') return null;
  const admin = user.role === 'street_admin' || user.role === 'district_admin';
  if (!admin && user.orgKind !== 'community') return null;
  return (
    <p class="actions">
      {admin && user.orgKind !== 'community' ? (
        <a class="button button-secondary" href={`/staff/reports/${user.orgCode}/annual`}>
          政府信息公开工作年度报告
        </a>
      ) : null}{' '}
      <a class="button button-secondary" href={`/staff/reports/${user.orgCode}/summary`}>
        居务公开年度汇总
      </a>
    </p>
  );
}

export function QueuePage({ ctx, rows, today, contacts }: { ctx: PageCtx; rows: CaseRow[]; today: string; contacts: Map<number, StaffContact> }) {
  return (
    <Layout ctx={ctx} title="申请与疑义">
      <h1>依申请公开、查询与疑义</h1>
      {ctx.user?.role === 'district_admin' ? (
        <p>
          <a href="/staff/requests/settings">设置查询和疑义的答复期限</a>
        </p>
      ) : null}
      <ReportLinks ctx={ctx} />
      {rows.length === 0 ? <p class="muted">暂无申请。</p> : null}
      <div class="table-wrap">
        <table class="cards-on-phone">
          <thead>
            <tr>
              <th>类别</th>
              <th>标题</th>
              <th>申请人</th>
              <th>收到</th>
              <th>答复期限</th>
              <th>状态</th>
              <th>承办人</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td data-label="类别">{KIND_LABELS[r.kind]}</td>
                <td data-label="标题">
                  <a href={`/staff/requests/${r.id}`}>{r.subject}</a>
                </td>
                <td data-label="申请人">
                  {contacts.get(r.id)?.name} {contacts.get(r.id)?.phone}
                </td>
                <td data-label="收到">{date(r.receivedOn)}</td>
                <td data-label="答复期限" title={r.dueExplanation}>
                  {date(r.extended ? r.extendedDueOn : r.dueOn)} <strong>{lateness(r, today)}</strong>
                </td>
                <td data-label="状态">{STATE_LABELS[r.state]}</td>
                <td data-label="承办人">{r.assignedToName ?? '未指定'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

function StepForm({ ctx, id, step }: { ctx: PageCtx; id: number; step: StepName }) {
  const def = STEPS[step];
  return (
    <form method="post" action={`/staff/requests/${id}/steps/${step}`} class="stack">
      <Csrf ctx={ctx} />
      {step === 'request_correction' ? (
        <label>
          补正期限（申请人应在此日前补正）
          <input type="date" name="deadline" required />
        </label>
      ) : null}
      {step === 'correction_received' || step === 'consult_start' || step === 'consult_end' ? (
        <label>
          {step === 'consult_start' ? '发函日期' : '收到日期'}（不填为今天）
          <input type="date" name="on" />
        </label>
      ) : null}
      {step === 'reply' ? (
        <label>
          答复类型
          <select name="replyKind" required>
            {Object.entries(REPLY_KINDS).map(([k, v]) => (
              <option key={k} value={k}>
                {v.label}（{v.basis}）
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {step === 'reply' ? <ReasonSelect /> : null}
      {step === 'answer' ? (
        <label>
          处理结果（疑义）
          <select name="outcome">
            <option value="">（查询不选）</option>
            {Object.entries(OUTCOMES).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {step === 'reply' ? <ChargeFields /> : null}
      {step === 'volume' ? <VolumeFields /> : null}
      {step === 'reply' || step === 'answer' ? (
        <label>
          答复内容{step === 'answer' ? '（疑义的答复会在公开记录的处理记录中公开，请勿写入个人信息）' : ''}
          <textarea name="replyText" rows={5} required />
        </label>
      ) : null}
      <button type="submit" class={step === 'abandon' || step === 'escalate' || step === 'dispute' || step === 'volume' ? 'button button-secondary' : 'button'}>
        {def.label}
      </button>
    </form>
  );
}

function CaseFacts({ row, contact }: { row: CaseRow; contact: StaffContact }) {
  return (
    <dl class="fields card">
      <div>
        <dt>状态</dt>
        <dd>{STATE_LABELS[row.state]}</dd>
      </div>
      <div>
        <dt>申请人</dt>
        <dd>
          {contact.name} {contact.phone} {contact.contact}
          {contact.masked ? '（承办人可见完整信息）' : ''}
        </dd>
      </div>
      <div>
        <dt>内容</dt>
        <dd>{row.details}</dd>
      </div>
      {row.recordTitle ? (
        <div>
          <dt>针对的公开记录</dt>
          <dd>
            <a href={`/r/${row.recordId}`}>{row.recordTitle}</a>
          </dd>
        </div>
      ) : null}
      <div>
        <dt>答复期限</dt>
        <dd>
          {date(row.dueOn)}
          {row.extendedDueOn ? `；延长后${date(row.extendedDueOn)}${row.extended ? '（已批准延长）' : ''}` : ''}
        </dd>
      </div>
      <div>
        <dt>期限是怎么算的</dt>
        <dd class="small">{row.dueExplanation}</dd>
      </div>
      {row.correctionDeadline ? (
        <div>
          <dt>补正期限</dt>
          <dd>{date(row.correctionDeadline)}</dd>
        </div>
      ) : null}
      <div>
        <dt>承办人</dt>
        <dd>{row.assignedToName ?? '未指定'}</dd>
      </div>
      <CaseRecordFacts row={row} />
    </dl>
  );
}

export interface CasePageProps {
  ctx: PageCtx;
  row: CaseRow;
  steps: StepRow[];
  contact: StaffContact;
  actions: StepName[];
  files: CaseAttachmentRow[];
  error?: string;
  notice?: string;
}

export function CasePage({ ctx, row, steps, contact, actions, files, error, notice }: CasePageProps) {
  return (
    <Layout ctx={ctx} title={row.subject}>
      <p class="breadcrumb">
        <a href="/staff/requests">申请与疑义</a> › {row.trackingCode}
      </p>
      <h1>
        {KIND_LABELS[row.kind]}：{row.subject}
      </h1>
      {error ? <p class="notice notice-error" role="alert">{error}</p> : null}
      {notice ? <p class="notice notice-ok">{notice}</p> : null}
      <CaseFacts row={row} contact={contact} />
      {row.replyText ? (
        <p>
          <a class="button button-secondary" href={`/staff/requests/${row.id}/letter`}>
            查看答复书
          </a>{' '}
          <a class="button button-secondary" href={`/staff/requests/${row.id}/letter.pdf`}>
            答复书 PDF
          </a>
        </p>
      ) : null}
      <section class="card">
        <h2>办理</h2>
        {actions.length === 0 ? <p class="muted">已办结，无需操作。</p> : null}
        {actions.map((step) => (
          <StepForm key={step} ctx={ctx} id={row.id} step={step} />
        ))}
      </section>
      <CaseFilesCard ctx={ctx} caseId={row.id} files={files} open={row.state !== 'closed' && row.state !== 'abandoned'} />
      <section class="card">
        <h2>办理经过</h2>
        <ol>
          {steps.map((s) => (
            <li key={s.id}>
              {date(s.onDay)} {s.note}
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}

/**
 * The reason of a 不予公开 or 不予处理 reply, grouped by reply kind (works without JavaScript; the
 * server checks that the reason belongs to the kind chosen). It is the annual report's row.
 */
function ReasonSelect() {
  const kinds = (Object.keys(REASONS_OF) as ReplyKind[]).filter(needsReason);
  return (
    <label>
      具体理由（选择“不予公开”或“不予处理”时必选，用于年度报告统计）
      <select name="replyReason">
        <option value="">（其他答复类型不选）</option>
        {kinds.map((k) => (
          <optgroup key={k} label={REPLY_KINDS[k].label}>
            {REASONS_OF[k].map((r) => (
              <option key={r} value={r}>
                {RESULT_LABEL.get(r)?.replace(/^\d+\./, '')}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
