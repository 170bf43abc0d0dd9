/**
 * Proof of posting, per record and channel: what staff filed (a photo of the paper board, a
 * link, a note) and what the system saw itself (the screen's play log, a robot's delivery, a mail
 * to subscribers). A record is fully disclosed only when every channel its item requires has some.
 */
import type { Deps } from '../../../platform/context.ts';
import * as repo from '../repository.ts';
import { chineseDateOf, chineseDateTime } from '../../../platform/time.ts';
import { PUSH_CHANNEL, SCREEN_CHANNEL } from '../channelKinds.ts';

export type EvidenceKind = 'photo' | 'note' | 'screen' | 'webhook' | 'email' | 'sms';

export interface Evidence {
  kind: EvidenceKind;
  at: Date;
  by: string;
  detail: string;
  proofId?: number;
}

export interface ChannelEvidence {
  channel: string;
  evidence: Evidence[];
  /** What the system counts on its own for this channel, to tell staff. */
  automatic: string | null;
}

export interface RecordEvidence {
  recordId: string;
  channels: ChannelEvidence[];
  covered: number;
  complete: boolean;
}

export const EVIDENCE_LABELS: Record<EvidenceKind, string> = { photo: '照片', note: '说明', screen: '电子屏播放记录', webhook: '群机器人推送', email: '邮件推送', sms: '短信推送' };


export function automaticFor(channel: string): string | null {
  if (SCREEN_CHANNEL.test(channel)) return '电子屏播放记录自动计入';
  if (PUSH_CHANNEL.test(channel)) return '订阅邮件推送成功后自动计入';
  return null;
}

function screenEvidence(plays: repo.PlayRow[], screens: Map<number, string>): Evidence[] {
  const byScreen = new Map<number, repo.PlayRow[]>();
  for (const p of plays) byScreen.set(p.screenId, [...(byScreen.get(p.screenId) ?? []), p]);
  return [...byScreen].map(([id, rows]) => {
    const first = rows.reduce((a, r) => (r.firstShownAt < a ? r.firstShownAt : a), rows[0]!.firstShownAt);
    const last = rows.reduce((a, r) => (r.lastShownAt > a ? r.lastShownAt : a), rows[0]!.lastShownAt);
    const count = rows.reduce((a, r) => a + r.plays, 0);
    const span = chineseDateOf(first) === chineseDateOf(last) ? chineseDateOf(first) : `${chineseDateOf(first)}至${chineseDateOf(last)}`;
    return { kind: 'screen' as const, at: first, by: screens.get(id) ?? `电子屏 ${id}`, detail: `播放 ${count} 次（${span}，最近一次 ${chineseDateTime(last)}）` };
  });
}

/** Evidence of each record's required channels; `channels` are the names its item requires. */
export async function evidenceFor(deps: Deps, records: { id: string; requiredChannels: string[] }[], screenNames: Map<number, string> = new Map()): Promise<Map<string, RecordEvidence>> {
  const ids = records.map((r) => r.id);
  const [proofs, plays, sent] = await Promise.all([repo.proofsOf(deps.db.orm, ids), repo.playsOfRecords(deps.db.orm, ids), repo.sentDeliveriesOf(deps.db.orm, ids)]);
  const hooks = new Map((await repo.listWebhooksByIds(deps.db.orm, [...new Set(sent.filter((d) => d.targetKind === 'webhook').map((d) => d.targetId))])).map((h) => [h.id, h]));
  const out = new Map<string, RecordEvidence>();
  for (const r of records) {
    const channels = r.requiredChannels.map((channel): ChannelEvidence => {
      const filed = proofs.filter((p) => p.recordId === r.id && p.channel === channel).map((p): Evidence => ({ kind: p.photoSha256 ? 'photo' : 'note', at: p.postedAt, by: p.postedBy, detail: p.note, proofId: p.id }));
      const mine = sent.filter((d) => d.recordId === r.id);
      const viaHooks = mine.filter((d) => d.targetKind === 'webhook' && hooks.get(d.targetId)?.countsAs === channel).map((d): Evidence => ({ kind: 'webhook', at: d.deliveredAt ?? d.createdAt, by: hooks.get(d.targetId)!.name, detail: `第 ${d.recordVersion} 版已送达（${d.detail ?? ''}）` }));
      const pushed = PUSH_CHANNEL.test(channel) ? mine.filter((d) => d.targetKind !== 'webhook') : [];
      const viaPush: Evidence[] = pushed.length > 0 ? [{ kind: pushed[0]!.targetKind === 'sms' ? 'sms' : 'email', at: pushed[0]!.deliveredAt ?? pushed[0]!.createdAt, by: '订阅推送', detail: `已送达 ${pushed.length} 位订阅者` }] : [];
      const viaScreen = SCREEN_CHANNEL.test(channel) ? screenEvidence(plays.filter((p) => p.recordId === r.id), screenNames) : [];
      const evidence = [...filed, ...viaScreen, ...viaHooks, ...viaPush].sort((a, b) => a.at.getTime() - b.at.getTime());
      return { channel, evidence, automatic: automaticFor(channel) };
    });
    const covered = channels.filter((c) => c.evidence.length > 0).length;
    out.set(r.id, { recordId: r.id, channels, covered, complete: covered === channels.length });
  }
  return out;
}
