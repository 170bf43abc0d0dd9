import { randomBytes } from 'node:crypto';
import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { findOrganisationById, type OrgRow, type SessionUser } from '../org/index.ts';
import * as repo from './repository.ts';

/** A signed-in person acting on records, as the audit log names them. */
import type { StaffActor } from '../../platform/principal.ts';

export type { StaffActor };

export function actorFor(user: SessionUser, ip: string | null): StaffActor {
  return { id: String(user.id), name: user.username, ip, user };
}

export async function loadRecord(deps: Deps, id: number): Promise<repo.RecordRow> {
  const record = await repo.findRecord(deps.db.orm, id);
  if (!record) throw new NotFoundError('没有找到这条记录。');
  return record;
}

export async function orgOf(deps: Deps, record: Pick<repo.RecordRow, 'orgId'>): Promise<OrgRow> {
  const org = await findOrganisationById(deps, record.orgId);
  if (!org) throw new NotFoundError('记录所属的组织不存在。');
  return org;
}

/** A file of any version of the record; anything else does not exist for the caller. */
export async function attachmentOf(deps: Deps, record: repo.RecordRow, attachmentId: number): Promise<repo.AttachmentRow> {
  const attachment = await repo.findAttachmentOfRecord(deps.db.orm, record.id, attachmentId);
  if (!attachment) throw new NotFoundError('没有找到这个附件。');
  return attachment;
}

/** The version staff are working on; `what` says what they tried, for the message. */
export async function requireOpenVersion(ex: Executor, record: repo.RecordRow, allowed: repo.VersionRow['status'][], what: string): Promise<repo.VersionRow> {
  if (record.withdrawnAt) throw new ConflictError('这条记录已撤回，不能再修改。');
  const version = await repo.openVersion(ex, record.id);
  if (!version || !allowed.includes(version.status)) throw new ConflictError(`这条记录当前的状态不能${what}。请刷新页面查看最新状态。`);
  return version;
}

// What an editor's save can change, compared as text: a timestamp cannot tell two saves apart
// within one millisecond (or on a test's fixed clock).
const editableText = (v: repo.VersionRow): string =>
  JSON.stringify([v.title, v.bodyMd, v.tables, v.informationFormedOn, v.periodFrom, v.periodTo, v.publishAt, v.publicity, v.publicityDays, v.correctionNote]);

/**
 * Inside the transaction that acts on `version`: takes the record's row lock and checks that the
 * version is still the open one, in the same state, and the record not withdrawn. Two people
 * acting at once (two supervisors, a double-clicked 提交, a save during a submission) both pass
 * the checks made before the transaction; the lock makes the second wait and then see the first's
 * change. `same.text`: a write computed from the version's content (mask it, append a table) also
 * needs that content not saved since, or it would undo that save. `same.files`: a write computed
 * from the attachments as read before (提交's privacy check, an override's fingerprint) needs no
 * file added or removed since.
 */
export async function lockStillOpen(tx: Executor, recordId: number, version: repo.VersionRow, same: { text?: boolean; files?: repo.AttachmentRow[] } = {}): Promise<void> {
  const record = await repo.lockRecord(tx, recordId);
  const fresh = await repo.openVersion(tx, recordId);
  if (!record || record.withdrawnAt || !fresh || fresh.id !== version.id || fresh.status !== version.status) throw new ConflictError('这条记录刚刚已被处理（可能是重复点击，或其他人已操作），请刷新页面查看最新状态。');
  if (same.text && editableText(fresh) !== editableText(version)) throw new ConflictError('这条记录刚刚被修改过，请刷新页面后重试。');
  if (same.files && fileIds(await repo.listAttachments(tx, [version.id])) !== fileIds(same.files)) throw new ConflictError('这条记录的附件刚刚有增减，请刷新页面后重试。');
}

const fileIds = (files: repo.AttachmentRow[]): string => files.map((f) => f.id).join(',');

// No 0/O, 1/l/I: the id is read off printed sheets and typed by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A short id for /r/<id> (8 characters, about 2^39 possibilities), unique in the table. */
export async function newPublicId(ex: Executor): Promise<string> {
  for (;;) {
    const bytes = randomBytes(8);
    const id = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    if (!(await repo.publicIdTaken(ex, id))) return id;
  }
}
