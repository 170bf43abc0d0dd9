import { Csrf } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import type { CaseAttachmentRow } from '../repository.ts';

/**
 * The reply's attachments on the staff case page: upload (its own multipart form), download and
 * delete. The tick is always there because the scan result is only known after the upload.
 */
export function CaseFilesCard({ ctx, caseId, files, open }: { ctx: PageCtx; caseId: number; files: CaseAttachmentRow[]; open: boolean }) {
  return (
    <section class="card">
      <h2>答复附件</h2>
      {files.length === 0 ? <p class="muted">还没有附件。</p> : null}
      <ul class="attachments">
        {files.map((f) => (
          <li key={f.id}>
            <a href={`/staff/requests/${caseId}/files/${f.id}`}>{f.fileName}</a>{' '}
            {f.findings.length > 0 ? <span class="tag tag-warn">含 {f.findings.length} 处个人号码，{f.confirmedBy}已确认可提供给申请人</span> : null}
            {open ? (
              <form method="post" action={`/staff/requests/${caseId}/files/${f.id}/delete`} class="inline">
                <Csrf ctx={ctx} />
                <button type="submit" class="danger-link">
                  删除
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {open ? (
        <form method="post" action={`/staff/requests/${caseId}/files`} enctype="multipart/form-data" class="stack">
          <Csrf ctx={ctx} />
          <label>
            上传附件（PDF、图片、Word、Excel，不超过 10 MB）
            <input type="file" name="file" required accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx" />
          </label>
          <label class="check">
            <input type="checkbox" name="confirm" value="1" /> 文件中如有身份证号、手机号、银行卡号，我已核对：是申请人本人的，或依法可以提供给申请人
          </label>
          <button type="submit" class="button button-secondary">
            上传附件
          </button>
        </form>
      ) : null}
    </section>
  );
}
