/**
 * Who hears of each review step, written inside the step's transaction (compliance keeps the one
 * notification list; e-mail and the staff group follow after the commit). Recipients are always
 * found among the active staff of the record's own community, so nobody outside it is told,
 * even when the author has since moved or been disabled.
 */
import type { Executor } from '../../platform/db.ts';
import { chineseDateTime } from '../../platform/time.ts';
import { notify, staffOn, type Recipient } from '../compliance/index.ts';
import type { OrgRow } from '../org/index.ts';
import type { RecordRow, VersionRow } from './repository.ts';

const linkOf = (record: RecordRow) => `/staff/records/${record.id}`;
const named = (record: RecordRow, version: VersionRow) => `“${version.title}”（${record.itemName}）`;

/** The editors who wrote or submitted the version, if they still work in the community. */
async function writersOf(tx: Executor, org: OrgRow, version: VersionRow): Promise<Recipient[]> {
  const ids = new Set([version.authorId, version.submittedById].filter((id): id is number => id !== null));
  return (await staffOn(tx, org, ['editor'])).filter((u) => ids.has(u.id));
}

/** Submitted: every supervisor of the community except the one who submitted it. */
export async function tellSubmitted(tx: Executor, org: OrgRow, record: RecordRow, version: VersionRow, by: { id: number; displayName: string }, at: Date): Promise<void> {
  const supervisors = (await staffOn(tx, org, ['supervisor'])).filter((u) => u.id !== by.id);
  const notice = { kind: 'review', title: `待审核：${version.title}`, body: `${by.displayName}提交了${named(record, version)}，请审核。`, link: linkOf(record) };
  await notify(tx, org.districtCode, supervisors, notice, at, { mail: true, group: org });
}

/** Returned: the editor(s) who wrote and submitted it, with the supervisor's comment. */
export async function tellReturned(tx: Executor, org: OrgRow, record: RecordRow, version: VersionRow, by: { displayName: string }, comment: string, at: Date): Promise<void> {
  const notice = { kind: 'review', title: `被退回：${version.title}`, body: `${by.displayName}退回了${named(record, version)}，意见：${comment}`, link: linkOf(record) };
  await notify(tx, org.districtCode, await writersOf(tx, org, version), notice, at, { mail: true, group: org });
}

/** Approved: published now, or at the set time. */
export async function tellApproved(tx: Executor, org: OrgRow, record: RecordRow, version: VersionRow, by: { displayName: string }, publishedAt: Date, at: Date): Promise<void> {
  const when = publishedAt.getTime() > at.getTime() ? `，将于${chineseDateTime(publishedAt)}公开` : '，已经公开';
  const notice = { kind: 'review', title: `已审核通过：${version.title}`, body: `${by.displayName}审核通过了${named(record, version)}${when}。`, link: linkOf(record) };
  await notify(tx, org.districtCode, await writersOf(tx, org, version), notice, at, { mail: true, group: org });
}
