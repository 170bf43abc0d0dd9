import { Csrf, Layout } from '../../../web/layout.tsx';
import { type PageCtx } from '../../../web/page.ts';
import { KIND_LABELS, type Located } from '../privacyGate.ts';
import type { AttachmentRow, VersionRow } from '../repository.ts';
import { STATUS_LABELS } from './labels.ts';
import { chineseDateTime } from '../../../platform/time.ts';

/** Upload forms: a table from .xlsx/.csv, and attachments. Each is its own multipart form. */
export function UploadForms({ ctx, recordId, attachments }: { ctx: PageCtx; recordId: number; attachments: AttachmentRow[] }) {
  return (
    <section class="card">
      <h2>表格和附件</h2>
      <form method="post" action={`/staff/records/${recordId}/tables/import`} enctype="multipart/form-data" class="stack">
        <Csrf ctx={ctx} />
        <label>
          从 Excel（.xlsx）或 CSV 导入表格（第一行为列名；身份证号、电话列导入时即遮盖）
          <input type="file" name="file" required accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
        </label>
        <button type="submit" class="button button-secondary">
          导入表格
        </button>
      </form>
      <form method="post" action={`/staff/records/${recordId}/attachments`} enctype="multipart/form-data" class="stack">
        <Csrf ctx={ctx} />
        <label>
          上传附件（PDF、图片、Word、Excel，不超过 10 MB）
          <input type="file" name="file" required accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx" />
        </label>
        <button type="submit" class="button button-secondary">
          上传附件
        </button>
      </form>
      {attachments.length > 0 ? (
        <ul class="attachments">
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={`/staff/records/${recordId}/attachments/${a.id}`}>{a.fileName}</a>{' '}
              {a.findings.length > 0 ? (
                <span class="tag tag-warn">含 {a.findings.length} 处个人号码，不对外公开</span>
              ) : !a.scanned ? (
                <PictureTag attachment={a} />
              ) : (
                <span class="tag tag-ok">已检查</span>
              )}
              {' '}
              <a href={`/staff/records/${recordId}/attachments/${a.id}/delete`} class="danger-link">
                删除
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** Where a picture stands: the scanner cannot read it, so a supervisor must look at it first. */
function PictureTag({ attachment }: { attachment: AttachmentRow }) {
  if (attachment.releasedAt) return <span class="tag tag-ok">图片已由{attachment.releasedBy}确认公开</span>;
  return <span class="tag tag-warn">图片无法自动检查，监督委员会确认不含身份证号、手机号、银行卡号后才对外公开</span>;
}

/** The supervisor's view of the pictures of a record: look at each, then release it. */
export function PictureChecks({ ctx, recordId, attachments }: { ctx: PageCtx; recordId: number; attachments: AttachmentRow[] }) {
  const pictures = attachments.filter((a) => !a.scanned);
  if (pictures.length === 0) return null;
  return (
    <section class="card" aria-labelledby="pictures-h">
      <h2 id="pictures-h">图片确认</h2>
      <p class="muted">系统无法识别图片里的文字。请打开每张图片，确认其中没有身份证号、手机号或银行卡号，再确认公开；未确认的图片不会出现在公开页面。</p>
      <ul class="attachments">
        {pictures.map((a) => (
          <li key={a.id}>
            <a href={`/staff/records/${recordId}/attachments/${a.id}`} target="_blank" rel="noopener">
              {a.fileName}
            </a>{' '}
            <PictureTag attachment={a} />
            {a.releasedAt ? null : (
              <form method="post" action={`/staff/records/${recordId}/attachments/${a.id}/release`} class="inline">
                <Csrf ctx={ctx} />{' '}
                <button type="submit" class="link-button">
                  已查看，确认公开
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface PrivacyProps {
  ctx: PageCtx;
  recordId: number;
  findings: Located[];
  overrideHolds: boolean;
  override: VersionRow['privacyOverride'];
  canMask: boolean;
  canOverride: boolean;
}

/** Unmasked numbers found, with the editor's fix and the supervisor's override. */
export function PrivacyPanel({ ctx, recordId, findings, overrideHolds, override, canMask, canOverride }: PrivacyProps) {
  if (findings.length === 0) return <p class="notice notice-ok">个人信息检查：没有发现未遮盖的身份证号、手机号或银行卡号。</p>;
  return (
    <section class="card privacy-panel" aria-labelledby="privacy-h">
      <h2 id="privacy-h">个人信息检查：发现 {findings.length} 处未遮盖的号码</h2>
      <ul>
        {findings.slice(0, 20).map((f, i) => (
          <li key={i}>
            {f.where}：{KIND_LABELS[f.finding.kind] ?? '号码'} <span class="mono">{f.finding.masked}</span>
          </li>
        ))}
      </ul>
      {overrideHolds && override ? (
        <p class="notice">
          监督委员会成员 {override.byName} 已于 {chineseDateTime(new Date(override.at))} 放行，理由：{override.reason}（公开页面仍显示遮盖后的号码，含号码的附件不对外公开）
        </p>
      ) : (
        <p>公开页面和预览中这些号码都会被遮盖，但提交前请先处理：</p>
      )}
      {canMask ? (
        <form method="post" action={`/staff/records/${recordId}/mask`} class="inline">
          <Csrf ctx={ctx} />
          <button type="submit" class="button">
            一键遮盖标题、正文和表格中的号码
          </button>
        </form>
      ) : null}
      {canOverride && !overrideHolds ? (
        <form method="post" action={`/staff/records/${recordId}/override`} class="stack">
          <Csrf ctx={ctx} />
          <label>
            放行理由（监督委员会成员填写，记入审计日志）
            <textarea name="reason" rows={2} required minLength={10} maxLength={1000} />
          </label>
          <button type="submit" class="button button-secondary">
            确认放行
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** Approve (now or at a set time) or return with comments. */
export function ReviewPanel({ ctx, recordId }: { ctx: PageCtx; recordId: number }) {
  return (
    <section class="card" aria-labelledby="review-h">
      <h2 id="review-h">审核</h2>
      <form method="post" action={`/staff/records/${recordId}/approve`} class="stack">
        <Csrf ctx={ctx} />
        <label>
          审核意见（可不填）
          <textarea name="comment" rows={2} maxLength={1000} />
        </label>
        <label>
          定时发布（留空则按工作人员设定，未设定的立即发布）
          <input type="datetime-local" name="publishAt" />
        </label>
        <button type="submit" class="button">
          审核通过并发布
        </button>
      </form>
      <form method="post" action={`/staff/records/${recordId}/return`} class="stack">
        <Csrf ctx={ctx} />
        <label>
          退回意见（请写明需要修改的地方）
          <textarea name="comment" rows={2} required maxLength={1000} />
        </label>
        <button type="submit" class="button button-secondary">
          退回修改
        </button>
      </form>
    </section>
  );
}

/** On a published record: start a correction (editor), withdraw with a public reason. */
export function PublishedActions({ ctx, recordId, canCorrect, canWithdraw }: { ctx: PageCtx; recordId: number; canCorrect: boolean; canWithdraw: boolean }) {
  if (!canCorrect && !canWithdraw) return null;
  return (
    <section class="card">
      <h2>更正或撤回</h2>
      <p class="muted small">已发布的内容不能直接修改。更正会生成新版本，经审核后发布，旧版本仍可查看。</p>
      {canCorrect ? (
        <form method="post" action={`/staff/records/${recordId}/correct`} class="stack">
          <Csrf ctx={ctx} />
          <label>
            更正说明（公众可见）
            <input name="correctionNote" required minLength={4} maxLength={1000} />
          </label>
          <button type="submit" class="button">
            开始更正
          </button>
        </form>
      ) : null}
      {canWithdraw ? (
        <form method="post" action={`/staff/records/${recordId}/withdraw`} class="stack">
          <Csrf ctx={ctx} />
          <label>
            撤回原因（公众可见）
            <input name="reason" required minLength={4} maxLength={1000} />
          </label>
          <button type="submit" class="button button-danger">
            撤回这条记录
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** Every version, with who wrote, submitted and reviewed it. */
export function VersionHistory({ versions }: { versions: VersionRow[] }) {
  return (
    <section class="card">
      <h2>版本和审核记录</h2>
      <ol class="versions">
        {versions.map((v) => (
          <li key={v.id}>
            第 {v.version} 版 · {STATUS_LABELS[v.status]} · {v.authorName} 起草
            {v.submittedAt ? ` · ${chineseDateTime(v.submittedAt)} 提交` : ''}
            {v.reviewSkipped ? ' · 未经审核（本社区已关闭审核）' : ''}
            {v.reviewedAt ? ` · ${v.reviewerName} 于 ${chineseDateTime(v.reviewedAt)} ${v.status === 'returned' ? '退回' : '审核'}` : ''}
            {v.publishedAt ? ` · ${chineseDateTime(v.publishedAt)} 发布` : ''}
            {v.reviewComment ? <div class="muted small">意见：{v.reviewComment}</div> : null}
            {v.correctionNote && v.version > 1 ? <div class="muted small">更正说明：{v.correctionNote}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The step before an attachment is deleted: what will go, and two clear choices. */
export function ConfirmDeleteAttachmentPage({ ctx, recordId, title, attachment }: { ctx: PageCtx; recordId: number; title: string; attachment: AttachmentRow }) {
  const back = `/staff/records/${recordId}`;
  return (
    <Layout ctx={ctx} title="删除附件">
      <nav class="breadcrumb" aria-label="当前位置">
        <a href="/staff">工作台</a> › <a href="/staff/records">公开记录</a> › <a href={back}>{title}</a> › 删除附件
      </nav>
      <h1>确定删除这个附件吗？</h1>
      <p class="notice notice-warn">
        将从“{title}”的本次草稿中删除附件 <strong>{attachment.fileName}</strong>。删除后无法恢复，需要时请重新上传。已发布的版本不受影响。
      </p>
      <form method="post" action={`${back}/attachments/${attachment.id}/delete`} class="actions">
        <Csrf ctx={ctx} />
        <button type="submit" class="button button-danger">
          确定删除
        </button>
        <a href={back} class="button button-secondary">
          不删除，返回
        </a>
      </form>
    </Layout>
  );
}
