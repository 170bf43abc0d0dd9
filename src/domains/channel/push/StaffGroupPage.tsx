import { Csrf } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import { chineseDateTime } from '../../../platform/time.ts';
import { ChannelLayout, Notice, OrgField, type OrgRef } from '../pages/parts.tsx';
import { KIND_LABELS } from './request.ts';
import { GROUP_KINDS, type GroupKind } from './staffGroup.ts';

export interface GroupView {
  kind: GroupKind;
  maskedUrl: string;
  maskedSecret: string;
}

export interface SentView {
  title: string;
  at: Date;
  state: string;
  detail: string | null;
}

const STATE_LABELS: Record<string, string> = { pending: '等待发送', sent: '已送达', failed: '多次失败，已放弃', skipped: '未发送', none: '—' };

interface Props {
  ctx: PageCtx;
  org: OrgRef;
  own: boolean;
  canManage: boolean;
  group: GroupView | null;
  recent: SentView[];
  ok?: string | null;
  error?: string | null;
}

function GroupForm({ ctx, org, own, group }: Props) {
  return (
    <form method="post" action="/staff/channel/staff-group" class="stack card">
      <Csrf ctx={ctx} />
      <OrgField org={org} own={own} />
      <h2>{group ? '更换工作群机器人' : '登记工作群机器人'}</h2>
      <label>
        类型
        <select name="kind">
          {GROUP_KINDS.map((k) => (
            <option value={k} selected={group?.kind === k} key={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Webhook 地址（在群设置的“群机器人”中复制）
        <input name="url" type="url" maxLength={1000} required placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" autoComplete="off" />
      </label>
      <label>
        签名密钥（钉钉“加签”、飞书“签名校验”；企业微信不需要）{group ? `（当前 ${group.maskedSecret}；不修改请留空）` : ''}
        <input name="secret" type="password" maxLength={200} autoComplete="new-password" />
      </label>
      <button type="submit" class="button">
        保存
      </button>
    </form>
  );
}

/** The staff group robot of one community: what is registered, a test, removal, and the last messages. */
export function StaffGroupPage(p: Props) {
  return (
    <ChannelLayout ctx={p.ctx} org={p.org} own={p.own} title="工作群提醒">
      <Notice ok={p.ok} error={p.error} />
      <p>记录提交待审核、被退回、审核通过，以及督办单下发和办结时，平台会在一分钟内提醒到社区工作人员的群里。这里只发工作提醒，不发居民信息。</p>
      {p.group ? (
        <section class="card">
          <h2>已登记</h2>
          <p>
            {KIND_LABELS[p.group.kind]} · 地址 <code>{p.group.maskedUrl}</code> · 密钥 {p.group.maskedSecret}
          </p>
          {p.canManage ? (
            <div class="actions">
              <form method="post" action="/staff/channel/staff-group/test" class="inline">
                <Csrf ctx={p.ctx} />
                <OrgField org={p.org} own={p.own} />
                <button class="link-button">发送测试消息</button>
              </form>
              <form method="post" action="/staff/channel/staff-group/remove" class="inline">
                <Csrf ctx={p.ctx} />
                <OrgField org={p.org} own={p.own} />
                <button class="link-button danger">删除，不再提醒到群</button>
              </form>
            </div>
          ) : null}
        </section>
      ) : (
        <p class="empty">还没有登记工作群机器人，提醒只在平台“提醒与通知”中和邮件里。</p>
      )}
      {p.canManage ? <GroupForm {...p} /> : null}
      {p.recent.length > 0 ? (
        <section class="card">
          <h2>最近的群提醒</h2>
          <ul>
            {p.recent.map((r, i) => (
              <li key={i}>
                {chineseDateTime(r.at)} {r.title}：{STATE_LABELS[r.state] ?? r.state}
                {r.detail ? `（${r.detail}）` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </ChannelLayout>
  );
}
