/** A community's chat robots and JSON endpoints: configured by staff, secrets kept, tested on demand. */
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../../platform/audit/index.ts';
import { NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import type { OrgRow } from '../../org/index.ts';
import { communityPath } from '../links.ts';
import type { PushContent } from './content.ts';
import { addressRefused, allowListOf } from './address.ts';
import { WEBHOOK_FORMATS, WEBHOOK_KINDS, type WebhookKind, type WebhookTarget } from './request.ts';
import { sendWebhook, type Attempt } from './send.ts';
import * as repo from '../repository.ts';
import { chineseDateOf } from '../../../platform/time.ts';

export const REFUSED_ON_SAVE = '不能推送到这个地址：只能推送到互联网上的机器人地址。内网中的机器人须由系统管理员登记在 WEBHOOK_ALLOW_HOSTS 中。';

export const webhookUrl = z
  .string()
  .trim()
  .min(1, { error: '请填写机器人的 Webhook 地址' })
  .max(1000, { error: '地址太长' })
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), { error: 'Webhook 地址必须以 https:// 或 http:// 开头' })
  .refine((s) => !URL.canParse(s) || (!new URL(s).username && !new URL(s).password), { error: '地址中不能包含用户名或密码' });

const webhookInput = z.object({
  name: z.string().trim().min(1, { error: '请填写名称，例如“居民微信群”' }).max(60, { error: '名称不能超过 60 个字' }),
  kind: z.enum(WEBHOOK_KINDS, { error: '请选择机器人类型' }),
  format: z.string().default(''),
  url: webhookUrl,
  secret: z.string().trim().max(200, { error: '签名密钥太长' }).default(''),
  countsAs: z.string().trim().max(100).default(''),
});

function formatFor(kind: WebhookKind, wanted: string): string {
  const allowed = WEBHOOK_FORMATS[kind] as readonly string[];
  return allowed.includes(wanted) ? wanted : allowed[0]!;
}

/** Creates a webhook, or updates one (an empty secret field keeps the stored secret). */
export async function saveWebhook(deps: Deps, actor: AuditActor, org: OrgRow, raw: unknown, channels: string[], id?: number): Promise<repo.WebhookRow> {
  const input = parseInput(webhookInput, raw);
  if (input.countsAs && !channels.includes(input.countsAs)) throw new ValidationError('“计入的公开渠道”不在本社区的渠道中。');
  if (await addressRefused(input.url, allowListOf(deps.config.webhookAllowHosts))) throw new ValidationError(REFUSED_ON_SAVE);
  const existing = id === undefined ? null : await repo.findWebhook(deps.db.orm, id);
  if (id !== undefined && (!existing || existing.orgId !== org.id)) throw new NotFoundError('没有找到这个推送机器人。');
  const now = deps.clock.now();
  const values = { name: input.name, kind: input.kind, format: formatFor(input.kind, input.format), url: input.url, countsAs: input.countsAs || null, updatedAt: now };
  const secret = input.secret ? input.secret : input.kind === 'wecom' ? null : (existing?.secret ?? null);
  return deps.db.transaction(async (tx) => {
    const row = existing
      ? (await repo.updateWebhook(tx, existing.id, { ...values, secret }), { ...existing, ...values, secret })
      : await repo.insertWebhook(tx, { ...values, secret, orgId: org.id, districtCode: org.districtCode, enabled: true, createdBy: actor.name, createdAt: now });
    const data = { org: org.code, name: row.name, kind: row.kind, format: row.format, countsAs: row.countsAs, secretSet: secret !== null, secretChanged: input.secret !== '' };
    await appendAudit(tx, actor, { action: existing ? 'channel.webhook_update' : 'channel.webhook_add', subjectType: 'channel_webhook', subjectId: row.id, districtCode: org.districtCode, data }, now);
    return row;
  });
}

export async function loadWebhook(deps: Deps, org: OrgRow, id: number): Promise<repo.WebhookRow> {
  const row = await repo.findWebhook(deps.db.orm, id);
  if (!row || row.orgId !== org.id) throw new NotFoundError('没有找到这个推送机器人。');
  return row;
}

export async function setWebhookEnabled(deps: Deps, actor: AuditActor, org: OrgRow, id: number, enabled: boolean): Promise<void> {
  await loadWebhook(deps, org, id);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.updateWebhook(tx, id, { enabled, updatedAt: now });
    await appendAudit(tx, actor, { action: enabled ? 'channel.webhook_enable' : 'channel.webhook_disable', subjectType: 'channel_webhook', subjectId: id, districtCode: org.districtCode, data: { org: org.code } }, now);
  });
}

export const targetOf = (row: repo.WebhookRow): WebhookTarget => ({ kind: row.kind as WebhookKind, format: row.format as WebhookTarget['format'], url: row.url, secret: row.secret });

/** A test message, sent now; the answer is shown to staff and kept in the audit log. */
export async function testWebhook(deps: Deps, actor: AuditActor, org: OrgRow, id: number, baseUrl: string): Promise<Attempt> {
  const row = await loadWebhook(deps, org, id);
  const now = deps.clock.now();
  const content: PushContent = {
    recordId: 'test',
    version: 1,
    title: '测试消息：公开平台推送已连通',
    communityName: org.name,
    itemName: '推送测试',
    publishedOn: chineseDateOf(now),
    publicity: null,
    period: null,
    correction: null,
    versionNote: '',
    excerpt: `这是一条测试消息。今后${org.name}发布公开内容时，会自动推送到这里。`,
    tableLines: [],
    attachments: 0,
    url: baseUrl + communityPath(org.code),
  };
  const attempt = await sendWebhook(targetOf(row), content, now, { test: true, allowHosts: deps.config.webhookAllowHosts });
  await deps.db.transaction((tx) =>
    appendAudit(tx, actor, { action: 'channel.webhook_test', subjectType: 'channel_webhook', subjectId: id, districtCode: org.districtCode, data: { ok: attempt.ok, status: attempt.status, detail: attempt.detail } }, now),
  );
  return attempt;
}
