import { Csrf } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import { FORMAT_LABELS, KIND_LABELS, WEBHOOK_FORMATS, WEBHOOK_KINDS, type WebhookFormat, type WebhookKind } from './request.ts';
import { ChannelLayout, Notice, OrgField, withOrg, type OrgRef } from '../pages/parts.tsx';
import { DeliveryTable, type DeliveryView } from '../pages/Deliveries.tsx';

export interface HookView {
  id: number;
  name: string;
  kind: WebhookKind;
  format: WebhookFormat;
  maskedUrl: string;
  maskedSecret: string;
  countsAs: string | null;
  enabled: boolean;
}

interface Common {
  ctx: PageCtx;
  org: OrgRef;
  own: boolean;
  canManage: boolean;
  channels: string[];
  ok?: string | null;
  error?: string | null;
}

function HookForm({ ctx, org, own, channels, hook }: Common & { hook?: HookView }) {
  const guess = hook?.countsAs ?? channels.find((c) => c.includes('微信')) ?? '';
  return (
    <form method="post" action={hook ? `/staff/channel/webhooks/${hook.id}` : '/staff/channel/webhooks'} class="stack card">
      <Csrf ctx={ctx} />
      <OrgField org={org} own={own} />
      <h2>{hook ? '修改机器人' : '添加机器人'}</h2>
      <label>
        名称
        <input name="name" maxLength={60} required value={hook?.name ?? ''} placeholder="居民微信群" />
      </label>
      <label>
        类型
        <select name="kind">
          {WEBHOOK_KINDS.map((k) => (
            <option value={k} selected={hook?.kind === k} key={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        消息格式
        <select name="format">
          {WEBHOOK_KINDS.flatMap((k) =>
            (WEBHOOK_FORMATS[k] as readonly WebhookFormat[]).map((f) => (
              <option value={f} selected={hook?.format === f} key={`${k}-${f}`}>
                {KIND_LABELS[k]}：{FORMAT_LABELS[f]}
              </option>
            )),
          )}
        </select>
      </label>
      <label>
        Webhook 地址{hook ? `（当前 ${hook.maskedUrl}；不修改请留空）` : ''}
        <input name="url" type="url" maxLength={1000} required={!hook} placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" autoComplete="off" />
      </label>
      <label>
        签名密钥（钉钉“加签”、飞书“签名校验”、通用接口 HMAC；企业微信不需要）{hook ? `（当前 ${hook.maskedSecret}；不修改请留空）` : ''}
        <input name="secret" type="password" maxLength={200} autoComplete="new-password" />
      </label>
      <label>
        送达后计入的公开渠道
        <select name="countsAs">
          <option value="">不计入</option>
          {channels.map((c) => (
            <option value={c} selected={c === guess} key={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="button">
        保存
      </button>
    </form>
  );
}

export function WebhooksPage(p: Common & { hooks: HookView[] }) {
  const link = (href: string) => withOrg(href, p.org, p.own);
  return (
    <ChannelLayout ctx={p.ctx} org={p.org} own={p.own} title="群机器人推送">
      <Notice ok={p.ok} error={p.error} />
      <p>发布公开内容后，平台在一分钟内把标题、摘要和原文链接推送到这些群；名单类表格不推送明细（群消息无法撤回，而名单在公示期满后必须撤下）。仅向本社区居民公开的内容不推送到群。</p>
      {p.hooks.length === 0 ? <p class="empty">还没有推送机器人。</p> : null}
      {p.hooks.map((h) => (
        <section class="card" key={h.id}>
          <h2>
            {h.name} <span class="tag">{h.enabled ? '启用' : '已停用'}</span>
          </h2>
          <p>
            {KIND_LABELS[h.kind]} · {FORMAT_LABELS[h.format]} · 地址 <code>{h.maskedUrl}</code> · 密钥 {h.maskedSecret} · 计入渠道：{h.countsAs ?? '不计入'}
          </p>
          <div class="actions">
            <a href={link(`/staff/channel/webhooks/${h.id}`)}>推送记录与修改</a>
            {p.canManage ? (
              <>
                <form method="post" action={`/staff/channel/webhooks/${h.id}/test`} class="inline">
                  <Csrf ctx={p.ctx} />
                  <OrgField org={p.org} own={p.own} />
                  <button class="link-button">发送测试消息</button>
                </form>
                <form method="post" action={`/staff/channel/webhooks/${h.id}/${h.enabled ? 'disable' : 'enable'}`} class="inline">
                  <Csrf ctx={p.ctx} />
                  <OrgField org={p.org} own={p.own} />
                  <button class={h.enabled ? 'link-button danger' : 'link-button'}>{h.enabled ? '停用' : '启用'}</button>
                </form>
              </>
            ) : null}
          </div>
        </section>
      ))}
      {p.canManage ? <HookForm {...p} /> : null}
    </ChannelLayout>
  );
}

export function WebhookPage(p: Common & { hook: HookView; deliveries: DeliveryView[] }) {
  return (
    <ChannelLayout ctx={p.ctx} org={p.org} own={p.own} title={`推送机器人：${p.hook.name}`}>
      <Notice ok={p.ok} error={p.error} />
      <section class="card">
        <h2>推送记录</h2>
        <DeliveryTable rows={p.deliveries} org={p.org} own={p.own} />
      </section>
      {p.canManage ? <HookForm {...p} hook={p.hook} /> : null}
    </ChannelLayout>
  );
}
