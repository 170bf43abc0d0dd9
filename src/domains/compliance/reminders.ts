import type { Deps } from '../../platform/context.ts';
import type { Mailer } from '../../platform/mail.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { CalendarUnknownError } from '../calendar/index.ts';
import { activeUsersUnder, findOrganisationsByIds, type OrgRow } from '../org/index.ts';
import { complianceNow, districtCodes, SYSTEM_ACTOR, type ComplianceNow } from './context.ts';
import { notify, type Recipient } from './notifications.ts';
import { ensureCalendarCurrent } from './recomputeDueDates.ts';
import * as repo from './repository.ts';
import { statusOf } from './status.ts';
import * as store from './supervisionRepository.ts';
import { chineseDate } from '../../platform/time.ts';

/*
 * The daily run: a digest to each editor of what is due soon or overdue, and an escalation to
 * the street admins when an obligation is overdue by ESCALATION_WORKDAYS working days. Each
 * reminder first claims its key ('digest:<user>:<day>', 'escalation:<obligation>:1') in the
 * same transaction as the notification; a rerun, a restart or a second instance finds the key
 * taken and sends nothing. E-mail goes out after the commit, at most once per key.
 */

export interface ReminderRun {
  digests: number;
  escalations: number;
  emailsSent: number;
  emailsFailed: number;
}

interface Mail {
  keys: string[];
  to: string[];
  subject: string;
  text: string;
}

function line(ob: repo.ObligationRow, now: ComplianceNow): string {
  const status = statusOf(ob, now.day) === 'overdue' ? '已逾期' : '即将到期';
  return `【${status}】${ob.itemName}：应于${chineseDate(ob.dueOn!)}前公开`;
}

function absolute(deps: Deps, path: string): string {
  return deps.config.publicUrl ? new URL(path, deps.config.publicUrl).toString() : path;
}

/**
 * What a district's reminders need besides its obligations, read once for the district: its
 * communities and their streets, their active editors and street admins, their e-mail addresses
 * and the reminder keys already claimed. A rerun (every start after the reminder hour) then
 * claims nothing and opens no transaction; it used to take ~9 statements per community, 22 s
 * for a province of 10,000 communities.
 */
interface DistrictReach {
  orgs: Map<number, OrgRow>;
  staff(org: OrgRow, role: 'editor' | 'street_admin'): Recipient[];
  emails: Map<number, string>;
  taken: Set<string>;
}

const digestKey = (userId: number, day: string) => `digest:${userId}:${day}`;
const escalationKey = (obligationId: number) => `escalation:${obligationId}:1`;
/** The path of the district an organisation is in ('/…/530102/'), where its staff are listed; the root if the path does not name it. */
function districtPath(org: OrgRow): string {
  const at = org.path.indexOf(`/${org.districtCode}/`);
  return at < 0 ? '/' : org.path.slice(0, at + org.districtCode.length + 2);
}

async function reachOf(deps: Deps, now: ComplianceNow, byOrg: Map<number, repo.ObligationRow[]>): Promise<DistrictReach | null> {
  const communities = await findOrganisationsByIds(deps, [...byOrg.keys()]);
  if (communities.length === 0) return null;
  const streets = await findOrganisationsByIds(deps, [...new Set(communities.flatMap((c) => (c.parentId ? [c.parentId] : [])))]);
  const people = await activeUsersUnder(deps.db.orm, districtPath(communities[0]!), ['editor', 'street_admin']);
  const emails = await store.contactsOf(deps.db.orm, people.map((p) => p.id));
  const keys = [...people.filter((p) => p.role === 'editor').map((p) => digestKey(p.id, now.today)), ...[...byOrg.values()].flat().map((o) => escalationKey(o.id))];
  const staff = new Map<string, Recipient[]>();
  for (const { id, username, displayName, orgCode, role } of people) staff.set(`${orgCode}:${role}`, [...(staff.get(`${orgCode}:${role}`) ?? []), { id, username, displayName }]);
  return {
    orgs: new Map([...communities, ...streets].map((o) => [o.id, o])),
    staff: (org, role) => staff.get(`${org.code}:${role}`) ?? [],
    emails,
    taken: await store.takenReminderKeys(deps.db.orm, keys),
  };
}

async function digestFor(deps: Deps, now: ComplianceNow, org: OrgRow, due: repo.ObligationRow[], reach: DistrictReach, run: ReminderRun, mails: Mail[]): Promise<void> {
  const editors = reach.staff(org, 'editor').filter((e) => !reach.taken.has(digestKey(e.id, now.today)));
  if (editors.length === 0) return;
  const overdue = due.filter((o) => statusOf(o, now.day) === 'overdue').length;
  const title = `今日公开提醒：${overdue} 项已逾期，${due.length - overdue} 项即将到期`;
  const body = due.map((o) => line(o, now)).join('\n');
  const link = `/staff/compliance/c/${org.code}`;
  for (const editor of editors) {
    const key = digestKey(editor.id, now.today);
    const email = reach.emails.get(editor.id) ?? null;
    // The claim decides: another instance may have claimed the key since it was read as free.
    const claimed = await deps.db.transaction(async (tx) => {
      if (!(await store.claimReminder(tx, { key, districtCode: org.districtCode, kind: 'digest', userId: editor.id, day: now.today, emailStatus: email ? 'sending' : 'none', emailTo: email, createdAt: now.now }))) return false;
      await notify(tx, org.districtCode, [editor], { kind: 'digest', title, body, link }, now.now);
      await appendAudit(tx, SYSTEM_ACTOR, { action: 'compliance.reminder_digest', subjectType: 'user', subjectId: editor.id, districtCode: org.districtCode, data: { org: org.code, day: now.today, obligations: due.map((o) => o.id) } }, now.now);
      return true;
    });
    if (!claimed) continue;
    run.digests++;
    if (email) mails.push({ keys: [key], to: [email], subject: `【公开平台】${org.name}${title}`, text: `${editor.displayName}，您好：\n\n${body}\n\n请登录查看并及时公开：${absolute(deps, link)}\n` });
  }
}

function overdueWorkdays(now: ComplianceNow, dueOn: string): number {
  try {
    return now.cal.countWorkdays(dueOn, now.today).count;
  } catch (err) {
    if (err instanceof CalendarUnknownError) return 0;
    throw err;
  }
}

async function escalate(deps: Deps, now: ComplianceNow, org: OrgRow, overdue: repo.ObligationRow[], reach: DistrictReach, run: ReminderRun, mails: Mail[]): Promise<void> {
  const late = overdue.filter((o) => !reach.taken.has(escalationKey(o.id)));
  const street = org.parentId ? reach.orgs.get(org.parentId) : null;
  if (late.length === 0 || !street) return;
  const admins = reach.staff(street, 'street_admin');
  const emails = admins.flatMap((a) => reach.emails.get(a.id) ?? []);
  const claimed = await deps.db.transaction(async (tx) => {
    const keys = await store.claimReminders(
      tx,
      late.map((ob) => ({ key: escalationKey(ob.id), districtCode: org.districtCode, kind: 'escalation' as const, obligationId: ob.id, day: now.today, emailStatus: emails.length ? ('sending' as const) : ('none' as const), emailTo: emails.join(',') || null, createdAt: now.now })),
    );
    const taken = late.filter((ob) => keys.has(escalationKey(ob.id)));
    if (taken.length === 0) return taken;
    const title = `${org.name}有 ${taken.length} 项公开义务逾期超过 ${deps.config.escalationWorkdays} 个工作日`;
    await notify(tx, org.districtCode, admins, { kind: 'escalation', title, body: taken.map((o) => line(o, now)).join('\n'), link: `/staff/compliance/c/${org.code}` }, now.now);
    await appendAudit(tx, SYSTEM_ACTOR, { action: 'compliance.reminder_escalation', subjectType: 'organisation', subjectId: org.code, districtCode: org.districtCode, data: { street: street.code, obligations: taken.map((o) => o.id), admins: admins.map((a) => a.username) } }, now.now);
    return taken;
  });
  if (claimed.length === 0) return;
  run.escalations += claimed.length;
  const body = claimed.map((o) => line(o, now)).join('\n');
  if (emails.length) mails.push({ keys: claimed.map((o) => escalationKey(o.id)), to: emails, subject: `【公开平台】${org.name}公开义务逾期提醒`, text: `${street.name}管理员：\n\n${body}\n\n可对逾期事项发出督办：${absolute(deps, `/staff/compliance/c/${org.code}`)}\n` });
}

async function sendMails(deps: Deps, mailer: Mailer | null, mails: Mail[], run: ReminderRun): Promise<void> {
  for (const mail of mails) {
    let status: 'sent' | 'failed' = 'sent';
    let error: string | null = null;
    try {
      if (!mailer) throw new Error('SMTP_URL 未配置');
      await mailer.send({ to: mail.to.join(','), subject: mail.subject, text: mail.text });
      run.emailsSent++;
    } catch (err) {
      status = 'failed';
      error = (err as Error).message.slice(0, 500);
      run.emailsFailed++;
    }
    for (const key of mail.keys) await store.setReminderEmail(deps.db.orm, key, { emailStatus: status, emailError: error });
  }
}

/** One daily run; safe to repeat any number of times on the same day. */
export async function runDailyReminders(deps: Deps, mailer: Mailer | null): Promise<ReminderRun> {
  const run: ReminderRun = { digests: 0, escalations: 0, emailsSent: 0, emailsFailed: 0 };
  const mails: Mail[] = [];
  for (const district of await districtCodes(deps)) await remindDistrict(deps, district, run, mails);
  await sendMails(deps, mailer, mails, run);
  return run;
}

/** One district's digests and escalations, counted in its own working days. */
async function remindDistrict(deps: Deps, districtCode: string, run: ReminderRun, mails: Mail[]): Promise<void> {
  await ensureCalendarCurrent(deps, SYSTEM_ACTOR, districtCode);
  const now = await complianceNow(deps, districtCode);
  const byOrg = new Map<number, repo.ObligationRow[]>();
  for (const ob of await repo.listOpenDueBy(deps.db.orm, districtCode, now.day.soonUntil)) byOrg.set(ob.orgId, [...(byOrg.get(ob.orgId) ?? []), ob]);
  const reach = await reachOf(deps, now, byOrg);
  if (!reach) return;
  for (const [orgId, due] of byOrg) {
    const org = reach.orgs.get(orgId);
    if (!org) continue;
    await digestFor(deps, now, org, due, reach, run, mails);
    const late = due.filter((o) => o.dueOn! < now.today && overdueWorkdays(now, o.dueOn!) >= deps.config.escalationWorkdays);
    await escalate(deps, now, org, late, reach, run, mails);
  }
}
