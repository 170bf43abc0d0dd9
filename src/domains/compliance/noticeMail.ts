/**
 * The e-mail copy of a notice (review steps, 督办), sent after the step has committed: each row
 * is claimed with SKIP LOCKED and a lease, so two instances never send it twice at once; a failure
 * is retried with back-off (1, 2, 4, 8, 16 minutes; 6 attempts) and never touches the step.
 */
import type { Deps } from '../../platform/context.ts';
import type { Mailer } from '../../platform/mail.ts';
import * as repo from './supervisionRepository.ts';

export const MAIL_ATTEMPTS = 6;
const LEASE_MS = 2 * 60_000;
const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);

export interface MailRun {
  sent: number;
  failed: number;
  skipped: number;
}

const warn = (msg: string, data: object) => console.warn(JSON.stringify({ level: 'warn', msg, ...data }));

function absolute(deps: Deps, path: string): string {
  return deps.config.publicUrl ? new URL(path, deps.config.publicUrl).toString() : path;
}

function mailOf(deps: Deps, n: repo.NotificationRow, to: string) {
  const link = n.link ? `\n\n请登录处理：${absolute(deps, n.link)}\n` : '\n';
  return { to, subject: `【公开平台】${n.title}`, text: `${n.body}${link}\n（您在公开平台“提醒与通知”中登记了这个邮箱；不想再收到，可在那里删除。）\n` };
}

/** Sends the e-mail copies due now; without SMTP_URL or an address on file a copy is skipped, not retried. */
export async function deliverNoticeMail(deps: Deps, mailer: Mailer | null, log: (msg: string, data: object) => void = warn): Promise<MailRun> {
  const run: MailRun = { sent: 0, failed: 0, skipped: 0 };
  const now = deps.clock.now();
  const claimed = await deps.db.transaction((tx) => repo.claimPendingEmails(tx, now, new Date(now.getTime() + LEASE_MS), 100));
  const emails = await repo.contactsOf(deps.db.orm, [...new Set(claimed.map((n) => n.userId))]);
  for (const n of claimed) {
    const to = emails.get(n.userId);
    if (!to || !mailer) {
      run.skipped++;
      await repo.settleEmail(deps.db.orm, n.id, { emailState: 'skipped', emailNextAt: null, emailDetail: to ? '未配置邮件服务器（SMTP_URL）' : '未登记提醒邮箱' });
      continue;
    }
    try {
      await mailer.send(mailOf(deps, n, to));
      run.sent++;
      await repo.settleEmail(deps.db.orm, n.id, { emailState: 'sent', emailAttempts: n.emailAttempts + 1, emailNextAt: null, emailDetail: null });
    } catch (err) {
      run.failed++;
      const attempts = n.emailAttempts + 1;
      const last = attempts >= MAIL_ATTEMPTS;
      const detail = `发送失败：${(err as Error).message.slice(0, 300)}`;
      log('notice e-mail failed', { notification: n.id, attempts, error: (err as Error).message });
      await repo.settleEmail(deps.db.orm, n.id, { emailState: last ? 'failed' : 'pending', emailAttempts: attempts, emailNextAt: last ? null : new Date(now.getTime() + backoffMs(attempts)), emailDetail: detail });
    }
  }
  return run;
}
