/**
 * A community's staff group robot (WeCom, DingTalk, Feishu): review steps and 督办 are told
 * there. Registered by the community's editors or an admin above; the address is checked against
 * the allowed hosts and the secret kept like a push robot's. Messages are queued by compliance
 * in the step's transaction and sent here after the commit, signed and retried like record pushes.
 */
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../../platform/audit/index.ts';
import { NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import { chineseDateTime } from '../../../platform/time.ts';
import { claimGroupNotices, settleGroupNotice, type GroupNoticeRow } from '../../compliance/index.ts';
import { findOrganisationById, type OrgRow } from '../../org/index.ts';
import * as repo from '../repository.ts';
import { baseUrl } from '../links.ts';
import { addressRefused, allowListOf } from './address.ts';
import { backoffMs, LEASE_MS, MAX_ATTEMPTS } from './deliver.ts';
import { WEBHOOK_FORMATS, type WebhookTarget } from './request.ts';
import { sendMessage, type Attempt } from './send.ts';
import { REFUSED_ON_SAVE, webhookUrl } from './webhooks.ts';

export const GROUP_KINDS = ['wecom', 'dingtalk', 'feishu'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

const groupInput = z.object({
  kind: z.enum(GROUP_KINDS, { error: '请选择工作群机器人的类型' }),
  url: webhookUrl,
  secret: z.string().trim().max(200, { error: '签名密钥太长' }).default(''),
});

const targetOf = (g: repo.StaffGroupRow): WebhookTarget => ({ kind: g.kind as GroupKind, format: WEBHOOK_FORMATS[g.kind as GroupKind][0], url: g.url, secret: g.secret });

/** Registers or replaces the group robot; an empty secret keeps the stored one (WeCom has none). */
export async function saveStaffGroup(deps: Deps, actor: AuditActor, org: OrgRow, raw: unknown): Promise<void> {
  const input = parseInput(groupInput, raw);
  if (await addressRefused(input.url, allowListOf(deps.config.webhookAllowHosts))) throw new ValidationError(REFUSED_ON_SAVE);
  const existing = await repo.findStaffGroup(deps.db.orm, org.id);
  const secret = input.kind === 'wecom' ? null : input.secret || existing?.secret || null;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.saveStaffGroup(tx, { orgId: org.id, districtCode: org.districtCode, kind: input.kind, format: WEBHOOK_FORMATS[input.kind][0], url: input.url, secret, createdBy: actor.name, updatedAt: now });
    const data = { org: org.code, kind: input.kind, secretSet: secret !== null, secretChanged: input.secret !== '' };
    await appendAudit(tx, actor, { action: existing ? 'channel.staff_group_update' : 'channel.staff_group_add', subjectType: 'organisation', subjectId: org.id, districtCode: org.districtCode, data }, now);
  });
}

export async function removeStaffGroup(deps: Deps, actor: AuditActor, org: OrgRow): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (!(await repo.deleteStaffGroup(tx, org.id))) throw new NotFoundError('本社区还没有登记工作群机器人。');
    await appendAudit(tx, actor, { action: 'channel.staff_group_remove', subjectType: 'organisation', subjectId: org.id, districtCode: org.districtCode, data: { org: org.code } }, now);
  });
}

interface Said {
  title: string;
  body: string;
  url: string | null;
}

/** A notice in the vendor's shape: a title, the text, and the link to the page that resolves it. */
export function staffMessage(kind: GroupKind, s: Said): Record<string, unknown> {
  const link = s.url ? `\n\n[去处理](${s.url})` : '';
  if (kind === 'wecom') return { msgtype: 'markdown', markdown: { content: `### ${s.title}\n${s.body}${link}` } };
  if (kind === 'dingtalk') return { msgtype: 'markdown', markdown: { title: s.title, text: `### ${s.title}\n\n${s.body}${link}` } };
  const line = [{ tag: 'text', text: s.body }];
  const content = s.url ? [line, [{ tag: 'a', text: '去处理', href: s.url }]] : [line];
  return { msg_type: 'post', content: { post: { zh_cn: { title: s.title, content } } } };
}

/** A test message, sent now; the answer is audited. */
export async function testStaffGroup(deps: Deps, actor: AuditActor, org: OrgRow): Promise<Attempt> {
  const group = await repo.findStaffGroup(deps.db.orm, org.id);
  if (!group) throw new NotFoundError('本社区还没有登记工作群机器人。');
  const now = deps.clock.now();
  const said = { title: '测试消息：公开平台工作群提醒已连通', body: `今后${org.name}的记录提交、退回、审核通过和督办会提醒到这个群（${chineseDateTime(now)}）。`, url: null };
  const attempt = await sendMessage(targetOf(group), staffMessage(group.kind as GroupKind, said), now, { test: true, allowHosts: deps.config.webhookAllowHosts });
  await deps.db.transaction((tx) =>
    appendAudit(tx, actor, { action: 'channel.staff_group_test', subjectType: 'organisation', subjectId: org.id, districtCode: org.districtCode, data: { ok: attempt.ok, status: attempt.status, detail: attempt.detail } }, now),
  );
  return attempt;
}

async function sendOne(deps: Deps, n: GroupNoticeRow, base: string, now: Date): Promise<Attempt | { skip: string }> {
  const group = await repo.findStaffGroup(deps.db.orm, n.orgId);
  const org = group ? await findOrganisationById(deps, n.orgId) : null;
  if (!group || !org) return { skip: '本社区没有登记工作群机器人' };
  const said = { title: `【${org.name}】${n.title}`, body: n.body, url: n.link ? base + n.link : null };
  return sendMessage(targetOf(group), staffMessage(group.kind as GroupKind, said), now, { allowHosts: deps.config.webhookAllowHosts });
}

/** Sends the staff group messages due now; a failure is retried with back-off, then given up and logged. */
export async function deliverGroupNotices(deps: Deps, log: (msg: string, data: object) => void = warn): Promise<number> {
  const now = deps.clock.now();
  const claimed = await deps.db.transaction((tx) => claimGroupNotices(tx, now, new Date(now.getTime() + LEASE_MS), 50));
  const base = baseUrl(deps.config);
  for (const n of claimed) {
    const outcome = await sendOne(deps, n, base, now);
    if ('skip' in outcome) {
      await settleGroupNotice(deps.db.orm, n.id, { state: 'skipped', detail: outcome.skip, nextAttemptAt: null });
      continue;
    }
    const attempts = n.attempts + 1;
    if (outcome.ok) {
      await settleGroupNotice(deps.db.orm, n.id, { state: 'sent', attempts, detail: outcome.detail, nextAttemptAt: null, deliveredAt: now });
      continue;
    }
    const last = attempts >= MAX_ATTEMPTS;
    log('staff group message failed', { notice: n.id, org: n.orgId, attempts, detail: outcome.detail });
    await settleGroupNotice(deps.db.orm, n.id, { state: last ? 'failed' : 'pending', attempts, detail: outcome.detail, nextAttemptAt: last ? null : new Date(now.getTime() + backoffMs(attempts)) });
  }
  return claimed.length;
}

const warn = (msg: string, data: object) => console.warn(JSON.stringify({ level: 'warn', msg, ...data }));
