/** The reply letter (答复书) a handler prints or sends as PDF. */
import { Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import { chineseDate } from '../../../platform/time.ts';
import type { CaseRow } from '../repository.ts';
import { OUTCOMES, REPLY_KINDS } from '../types.ts';

const date = (d: string | null) => (d ? chineseDate(d) : '—');

/** The reply letter (答复书) in the 条例's form: header, the request, the decision with its basis, remedies. */
export function LetterPage({ ctx, row, orgName, applicant, files }: { ctx: PageCtx; row: CaseRow; orgName: string; applicant: string; files: string[] }) {
  const reply = row.replyKind ? REPLY_KINDS[row.replyKind] : null;
  return (
    <Layout ctx={ctx} title="答复书">
      <article class="card letter">
        <h1>{reply ? '政府信息公开申请答复书' : row.kind === 'objection' ? '疑义答复书' : '查询答复书'}</h1>
        <p class="mono">编号：{row.trackingCode}</p>
        <p>{applicant}：</p>
        <p>
          本机关于{date(row.receivedOn)}收到您提出的“{row.subject}”{reply ? '政府信息公开申请' : row.kind === 'objection' ? '疑义' : '查询'}
          {row.correctedOn ? `，并于${date(row.correctedOn)}收到补正后的申请` : ''}。现答复如下：
        </p>
        {reply ? <p>{reply.letter}</p> : row.outcome ? <p>处理结果：{OUTCOMES[row.outcome]}。</p> : null}
        <p class="letter-text">{row.replyText}</p>
        {reply ? <p>依据：《中华人民共和国政府信息公开条例》{reply.basis}。</p> : null}
        {reply ? <p>如对本答复不服，可以自收到本答复之日起60日内依法申请行政复议，或者6个月内依法提起行政诉讼。</p> : null}
        {files.length > 0 ? (
          <div>
            <p>附件：</p>
            <ol>
              {files.map((f, i) => (
                <li key={i}>{f}</li>
              ))}
            </ol>
          </div>
        ) : null}
        <p class="letter-sign">
          {orgName}
          <br />
          {date(row.repliedOn)}
        </p>
      </article>
    </Layout>
  );
}
