import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import type { Executor } from '../../platform/db.ts';
import { beijingDate, chineseDate } from '../../platform/time.ts';
import { parseInput } from '../../platform/validate.ts';
import type { OrgRow, Role } from '../org/index.ts';
import { notify, staffOn } from '../compliance/index.ts';
import { calendarOf, datesOf, querySettingOf } from './caseClock.ts';
import { tellCompliance } from './complianceLink.ts';
import * as repo from './repository.ts';
import { APPLICANT_TYPE_KEYS, type ApplicantType } from './reportRows.ts';
import { KIND_LABELS, type CaseKind } from './types.ts';

const text = (min: number, max: number, what: string) =>
  z.string({ error: `请填写${what}` }).trim().min(min, { error: `${what}至少需要 ${min} 个字` }).max(max, { error: `${what}不能超过 ${max} 个字` });

const submission = z.object({
  subject: text(2, 100, '标题（想了解或有疑问的事）'),
  details: text(5, 2000, '具体内容'),
  name: z.string().trim().max(40, { error: '姓名不能超过 40 个字' }).optional().default(''),
  phone: z.string().trim().max(20).optional().default(''),
  contact: z.string().trim().max(200, { error: '联系地址不能超过 200 个字' }).optional().default(''),
  anonymous: z.preprocess((v) => v === 'on' || v === '1' || v === true, z.boolean()),
  applicantType: z.enum(APPLICANT_TYPE_KEYS as [ApplicantType, ...ApplicantType[]], { error: '请选择申请人类型' }).optional().default('person'),
});

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
// No 0/O/1/I/L: read aloud over the phone by an elderly applicant without confusion.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newTrackingCode(): string {
  const bytes = randomBytes(10);
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

export interface SubmitTarget {
  org: OrgRow;
  kind: CaseKind;
  record?: { id: string; title: string };
}

/**
 * A resident's 依申请公开 request, 查询 or 疑义 arrives through the public form. It is received the
 * day it is submitted (Art. 31: online, the day both sides confirm), its dates are computed, and
 * the case, its first step and the audit entry commit together. Returns the tracking code.
 */
export async function submitCase(deps: Deps, actor: AuditActor, target: SubmitTarget, raw: unknown, from: { residentId?: number } = {}): Promise<{ id: number; trackingCode: string }> {
  const input = parseInput(submission, raw);
  const { org, kind } = target;
  checkTarget(org, kind, target.record);
  const setting = await querySettingOf(deps.db.orm, org.districtCode);
  const anonymous = kind === 'objection' && input.anonymous;
  if (input.anonymous && !anonymous) throw new ValidationError('政府信息公开申请和查询需要留下姓名和联系电话，以便答复。');
  if (anonymous && !setting.allowAnonymous) throw new ValidationError('本区要求留下姓名和联系电话，暂不接受匿名疑义。');
  if (!anonymous && input.name.length < 2) throw new ValidationError('请填写您的姓名（至少 2 个字），以便答复。');
  if (!anonymous && !PHONE.test(input.phone.replace(/\s/g, ''))) throw new ValidationError('请填写正确的联系电话：11 位手机号，或带区号的固定电话。');
  const now = deps.clock.now();
  const receivedOn = beijingDate(now);
  const dates = datesOf(await calendarOf(deps, org.districtCode), kind, setting, { receivedOn });
  const trackingCode = newTrackingCode();
  return deps.db.transaction(async (tx) => {
    const row = await repo.insertCase(tx, {
      districtCode: org.districtCode,
      orgId: org.id,
      orgPath: org.path,
      kind,
      trackingCode,
      state: 'received',
      subject: input.subject,
      details: input.details,
      recordId: target.record?.id ?? null,
      recordTitle: target.record?.title ?? null,
      anonymous,
      applicantName: anonymous ? null : input.name,
      applicantPhone: anonymous ? null : input.phone.replace(/\s/g, ''),
      applicantContact: anonymous ? null : input.contact || null,
      // Only a 政府信息公开申请 says who applies (the annual report counts by it).
      applicantType: kind === 'disclosure' ? input.applicantType : 'person',
      receivedOn,
      ...dates,
      createdAt: now,
      submittedBy: from.residentId ?? null,
    });
    await repo.insertStep(tx, { districtCode: org.districtCode, caseId: row.id, action: 'received', onDay: receivedOn, note: '收到', at: now });
    await tellCompliance(tx, row, now);
    const data = { kind, org: org.code, record: target.record?.id ?? null, anonymous };
    await appendAudit(tx, actor, { action: 'request.submit', subjectType: 'request_case', subjectId: row.id, districtCode: org.districtCode, data }, now);
    await tellHandlers(tx, org, row, now);
    return { id: row.id, trackingCode };
  });
}

/**
 * The staff of the organisation it was sent to hear of it at once (the applicant's details stay
 * on the case page): a community's editors, and its supervisors for a 疑义; a street's or
 * district's admins. Nobody above or beside is told.
 */
async function tellHandlers(tx: Executor, org: OrgRow, row: repo.CaseRow, at: Date): Promise<void> {
  const roles: Role[] = org.kind !== 'community' ? ['street_admin', 'district_admin'] : row.kind === 'objection' ? ['editor', 'supervisor'] : ['editor'];
  const due = row.dueOn ? `，请于${chineseDate(row.dueOn)}前答复` : '';
  const notice = { kind: 'request', title: `新的${KIND_LABELS[row.kind]}：${row.subject}`, body: `${org.name}收到一件${KIND_LABELS[row.kind]}（查询码 ${row.trackingCode}）${due}。`, link: `/staff/requests/${row.id}` };
  await notify(tx, org.districtCode, await staffOn(tx, org, roles), notice, at, { mail: true, group: org.kind === 'community' ? org : null });
}

function checkTarget(org: OrgRow, kind: CaseKind, record: SubmitTarget['record']): void {
  if (kind === 'disclosure' && org.kind === 'community') throw new NotFoundError('政府信息公开申请请向街道（乡镇）或区县提出；社区事务请使用“向社区查询”。');
  if (kind !== 'disclosure' && org.kind !== 'community') throw new NotFoundError('查询和疑义请向社区（村）提出。');
  if (kind === 'objection' && !record) throw new ValidationError('请从公开记录页面提出疑义。');
}
