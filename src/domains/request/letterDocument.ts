import { chineseDate } from '../../platform/time.ts';
import type { PrintBlock, PrintDocument } from '../channel/index.ts';
import type { CaseRow } from './repository.ts';
import { OUTCOMES, REPLY_KINDS } from './types.ts';

/**
 * The reply letter (答复书) as a PrintDocument, the same wording as the letter page: the request,
 * the decision and its opening, the reply, the legal basis and the remedies. Only the applicant's
 * name is printed (the letter goes to them); never their phone or address.
 */
export function letterDocument(row: CaseRow, orgName: string, applicant: string, files: string[] = []): PrintDocument {
  const reply = row.replyKind ? REPLY_KINDS[row.replyKind] : null;
  const what = reply ? '政府信息公开申请' : row.kind === 'objection' ? '疑义' : '查询';
  const corrected = row.correctedOn ? `，并于${chineseDate(row.correctedOn)}收到补正后的申请` : '';
  const blocks: PrintBlock[] = [
    { kind: 'paragraph', text: `${applicant}：`, indent: false },
    { kind: 'paragraph', text: `本机关于${chineseDate(row.receivedOn)}收到您提出的“${row.subject}”${what}${corrected}。现答复如下：` },
  ];
  if (reply) blocks.push({ kind: 'paragraph', text: reply.letter });
  else if (row.outcome) blocks.push({ kind: 'paragraph', text: `处理结果：${OUTCOMES[row.outcome]}。` });
  for (const p of (row.replyText ?? '').split(/\n+/).filter((s) => s.trim())) blocks.push({ kind: 'paragraph', text: p.trim() });
  if (reply) {
    blocks.push({ kind: 'paragraph', text: `依据：《中华人民共和国政府信息公开条例》${reply.basis}。` });
    blocks.push({ kind: 'paragraph', text: '如对本答复不服，可以自收到本答复之日起60日内依法申请行政复议，或者6个月内依法提起行政诉讼。' });
  }
  if (files.length > 0) blocks.push({ kind: 'paragraph', text: '附件：', indent: false }, ...files.map((f, i): PrintBlock => ({ kind: 'paragraph', text: `${i + 1}. ${f}`, indent: false })));
  blocks.push({ kind: 'signature', lines: [orgName, row.repliedOn ?? ''] });
  const title = reply ? '政府信息公开申请答复书' : row.kind === 'objection' ? '疑义答复书' : '查询答复书';
  return { masthead: orgName, title, subtitle: `编号：${row.trackingCode}`, blocks, footer: `${title}（${row.trackingCode}）` };
}
