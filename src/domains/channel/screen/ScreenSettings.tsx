import { Csrf } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import { itemPlays, type Playlist } from './playlist.ts';
import { screenByDefault } from '../channelKinds.ts';
import { ChannelLayout, Notice, OrgField, withOrg, type OrgRef } from '../pages/parts.tsx';
import { chineseDateTime } from '../../../platform/time.ts';

export interface ScreenSettingsProps {
  ctx: PageCtx;
  org: OrgRef;
  own: boolean;
  canManage: boolean;
  items: { id: number; itemKey: string; name: string; seq: number; requiredChannels: string[] }[];
  playlist: Playlist;
  screens: { id: number; name: string; tokenHint: string; lastSeenAt: Date | null; revokedAt: Date | null }[];
  plays: { screen: string; recordId: string; version: number; day: string; plays: number; lastShownAt: Date }[];
  newScreenUrl?: string | null;
  ok?: string | null;
  error?: string | null;
}

function PlaylistForm({ ctx, org, own, items, playlist, canManage }: ScreenSettingsProps) {
  const entry = (key: string) => playlist.entries.find((e) => e.itemKey === key);
  const on = playlist.onHours[0];
  return (
    <form method="post" action="/staff/channel/screen/playlist" class="stack card">
      <Csrf ctx={ctx} />
      <OrgField org={org} own={own} />
      <h2>播放列表</h2>
      <p class="muted">目录清单中公开渠道含“公开栏（电子屏）”的事项默认播放，以后新发布的记录也会自动上屏；取消勾选即不再播放。其他事项勾选后播放。每条内容自动分页，长表格每页重复表头。</p>
      <div class="actions">
        <label>
          默认每页秒数
          <input type="number" name="defaultSeconds" min={5} max={300} value={String(playlist.defaultSeconds)} required />
        </label>
        <label>
          每天开启时间（不填为全天）
          <span class="time-range">
            <input type="time" name="onFrom" value={on?.from ?? ''} aria-label="开启时间" /> 至 <input type="time" name="onTo" value={on?.to ?? ''} aria-label="关闭时间" />
          </span>
        </label>
      </div>
      <div class="table-scroll">
        <table>
          <caption>按事项设置</caption>
          <thead>
            <tr>
              <th>播放</th>
              <th>公开事项</th>
              <th>每页秒数</th>
              <th>播放时段（不填为开启期间）</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => {
              const e = entry(i.itemKey);
              return (
                <tr key={i.id}>
                  <td>
                    <input type="checkbox" name={`play_${i.id}`} value="1" checked={itemPlays(playlist, i.itemKey, i.requiredChannels)} aria-label={`播放${i.name}`} />
                  </td>
                  <td>
                    {i.seq}. {i.name}
                    {screenByDefault(i.requiredChannels) ? <span class="muted">（目录要求电子屏公开）</span> : null}
                  </td>
                  <td>
                    <input type="number" name={`sec_${i.id}`} min={5} max={300} value={e ? String(e.seconds) : ''} placeholder={String(playlist.defaultSeconds)} aria-label={`${i.name}每页秒数`} />
                  </td>
                  <td>
                    <span class="time-range">
                      <input type="time" name={`from_${i.id}`} value={e?.windows[0]?.from ?? ''} aria-label={`${i.name}开始时间`} /> 至{' '}
                      <input type="time" name={`to_${i.id}`} value={e?.windows[0]?.to ?? ''} aria-label={`${i.name}结束时间`} />
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canManage ? (
        <button type="submit" class="button">
          保存播放列表
        </button>
      ) : null}
    </form>
  );
}

function Screens({ ctx, org, own, screens, canManage, newScreenUrl }: ScreenSettingsProps) {
  return (
    <section class="card">
      <h2>电子屏</h2>
      <p>
        预览：<a href={`/screen/${org.code}`}>横屏 1920×1080</a> · <a href={`/screen/${org.code}?o=portrait`}>竖屏 1080×1920</a>。登记电子屏后，用它的专用地址打开，电子屏会上报播放记录，作为公开栏（电子屏）的公开证据。
      </p>
      {newScreenUrl ? (
        <p class="notice notice-warn" role="status">
          请在这块电子屏的浏览器中打开下面的地址（含密钥，只显示这一次）：<br />
          <code class="break">{newScreenUrl}</code>
        </p>
      ) : null}
      <ul>
        {screens.map((s) => (
          <li key={s.id}>
            {s.name}（密钥尾号 {s.tokenHint}）{s.revokedAt ? '，已停用' : s.lastSeenAt ? `，最近上报 ${chineseDateTime(s.lastSeenAt)}` : '，尚未上报'}
            {canManage && !s.revokedAt ? (
              <form method="post" action={`/staff/channel/screen/screens/${s.id}/revoke`} class="inline">
                <Csrf ctx={ctx} />
                <OrgField org={org} own={own} /> <button class="link-button danger">停用</button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {canManage ? (
        <form method="post" action="/staff/channel/screen/screens" class="actions">
          <Csrf ctx={ctx} />
          <OrgField org={org} own={own} />
          <label>
            电子屏名称
            <input name="name" maxLength={60} placeholder="社区服务站大厅电子屏" required />
          </label>
          <button type="submit" class="button">
            登记电子屏
          </button>
        </form>
      ) : null}
    </section>
  );
}

export function ScreenSettings(p: ScreenSettingsProps) {
  return (
    <ChannelLayout ctx={p.ctx} org={p.org} own={p.own} title="电子屏与播放列表">
      <Notice ok={p.ok} error={p.error} />
      <PlaylistForm {...p} />
      <Screens {...p} />
      <section class="card">
        <h2>最近播放记录</h2>
        {p.plays.length === 0 ? (
          <p class="muted">还没有播放记录。</p>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>日期</th>
                  <th>电子屏</th>
                  <th>记录</th>
                  <th>播放次数</th>
                  <th>最近一次</th>
                </tr>
              </thead>
              <tbody>
                {p.plays.map((r) => (
                  <tr key={`${r.screen}-${r.recordId}-${r.version}-${r.day}`}>
                    <td>{r.day}</td>
                    <td>{r.screen}</td>
                    <td>
                      <a href={withOrg(`/staff/channel/records/${r.recordId}`, p.org, p.own)}>{r.recordId}</a>（第 {r.version} 版）
                    </td>
                    <td>{r.plays}</td>
                    <td>{chineseDateTime(r.lastShownAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </ChannelLayout>
  );
}
