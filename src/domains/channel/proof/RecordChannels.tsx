import { PublicUrlWarning } from '../../../web/components/PublicUrlWarning.tsx';
import { Csrf } from '../../../web/layout.tsx';
import type { LinkConfig } from '../../../web/publicUrl.ts';
import type { PageCtx } from '../../../web/page.ts';
import { EVIDENCE_LABELS, type RecordEvidence } from './evidence.ts';
import { ChannelLayout, Notice, OrgField, withOrg, type OrgRef } from '../pages/parts.tsx';
import { DeliveryTable, type DeliveryView } from '../pages/Deliveries.tsx';
import { chineseDateOf, chineseDateTime } from '../../../platform/time.ts';

export interface RecordChannelsProps {
  ctx: PageCtx;
  org: OrgRef;
  own: boolean;
  canManage: boolean;
  record: { id: string; title: string; itemName: string; version: number; publishedAt: Date; withdrawn: boolean };
  evidence: RecordEvidence;
  deliveries: DeliveryView[];
  now: string;
  links: LinkConfig;
  ok?: string | null;
  error?: string | null;
}

function ProofForm({ ctx, org, own, record, evidence, now }: RecordChannelsProps) {
  return (
    <form method="post" action={`/staff/channel/records/${record.id}/proofs`} enctype="multipart/form-data" class="stack card">
      <Csrf ctx={ctx} />
      <OrgField org={org} own={own} />
      <h2>登记公开证据</h2>
      <label>
        公开渠道
        <select name="channel" required>
          {evidence.channels.map((c) => (
            <option value={c.channel} key={c.channel}>
              {c.channel}
            </option>
          ))}
        </select>
      </label>
      <label>
        张贴或发布时间
        <input type="datetime-local" name="postedAt" value={now} required />
      </label>
      <label>
        现场照片（JPG、PNG、WebP 或 HEIC，不超过 10 MB）
        <input type="file" name="photo" accept="image/jpeg,image/png,image/webp,image/heic" />
      </label>
      <label>
        说明（位置、链接或发布方式）
        <textarea name="note" rows={3} maxLength={1000} placeholder="社区服务站门口公开栏；或 政务公众号文章链接"></textarea>
      </label>
      <button type="submit" class="button">
        保存证据
      </button>
    </form>
  );
}

export function RecordChannels(p: RecordChannelsProps) {
  const { record, evidence } = p;
  return (
    <ChannelLayout ctx={p.ctx} org={p.org} own={p.own} title="公开证据">
      <Notice ok={p.ok} error={p.error} />
      <section class="card">
        <h2>
          <a href={`/r/${record.id}`}>{record.title}</a>
        </h2>
        <p class="small muted">
          {record.itemName} · 第 {record.version} 版 · {chineseDateOf(record.publishedAt)}发布{record.withdrawn ? ' · 已撤回' : ''}
        </p>
        <PublicUrlWarning config={p.links} />
        <p>
          打印公开栏张贴单：<a href={`/r/${record.id}/sheet.pdf`}>A4</a> · <a href={`/r/${record.id}/sheet.pdf?size=A3`}>A3</a>（带二维码，扫码可核对网上原文）
        </p>
        <p class="lead">
          <span class={evidence.complete ? 'tag tag-ok' : 'tag tag-warn'}>{evidence.complete ? '全部渠道已留证' : `还缺 ${evidence.channels.length - evidence.covered} 个渠道的证据`}</span>
        </p>
      </section>
      <section class="card">
        <h2>各渠道的公开证据</h2>
        <ul class="channel-list">
          {evidence.channels.map((c) => (
            <li key={c.channel} class={c.evidence.length > 0 ? 'has' : 'missing'}>
              <strong>
                {c.evidence.length > 0 ? '✓' : '✗'} {c.channel}
              </strong>
              {c.automatic ? <span class="small muted">（{c.automatic}）</span> : null}
              {c.evidence.length === 0 ? <span class="muted">：尚无证据</span> : null}
              <ul>
                {c.evidence.map((e, i) => (
                  <li key={i}>
                    {EVIDENCE_LABELS[e.kind]} · {chineseDateTime(e.at)} · {e.by}
                    {e.detail ? `：${e.detail}` : ''}
                    {e.proofId && e.kind === 'photo' ? (
                      <>
                        {' '}
                        <a href={withOrg(`/staff/channel/proofs/${e.proofId}/photo`, p.org, p.own)}>查看照片</a>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
      {p.canManage && !record.withdrawn ? <ProofForm {...p} /> : null}
      <section class="card">
        <h2>推送</h2>
        {p.canManage && !record.withdrawn ? (
          <form method="post" action={`/staff/channel/records/${record.id}/push`} class="inline">
            <Csrf ctx={p.ctx} />
            <OrgField org={p.org} own={p.own} />
            <button class="button">立即推送到群机器人和订阅者</button>
          </form>
        ) : null}
        <DeliveryTable rows={p.deliveries} org={p.org} own={p.own} />
      </section>
    </ChannelLayout>
  );
}
