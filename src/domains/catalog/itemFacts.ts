/*
 * Facts about a catalog item that every surface must read the same way: who may see it (the
 * 特定群体 rule), through which channels residents can find it, and their Chinese labels.
 */
import type { EffectiveItem } from './effectiveCatalog.ts';

/** 特定群体 only (not also 全社会): visible to the community's signed-in residents only. */
export function audienceOf(item: Pick<EffectiveItem, 'audienceSociety' | 'audienceSpecific'>): 'public' | 'residents' {
  return item.audienceSpecific === true && item.audienceSociety !== true ? 'residents' : 'public';
}

export function audienceText(item: Pick<EffectiveItem, 'audienceSociety' | 'audienceSpecific'>): string {
  const parts = [item.audienceSociety ? '全社会' : null, item.audienceSpecific ? '特定群体' : null].filter(Boolean);
  return parts.length > 0 ? parts.join('、') : '未注明';
}

export function methodText(item: Pick<EffectiveItem, 'methodProactive' | 'methodOnRequest'>): string {
  const parts = [item.methodProactive ? '主动公开' : null, item.methodOnRequest ? '依申请公开' : null].filter(Boolean);
  return parts.length > 0 ? parts.join('、') : '未注明';
}

/** The channels residents can look at: the ticked ones, or the whole list where none is ticked. */
export function channelNames(item: EffectiveItem): string[] {
  const ticked = item.effectiveChannels.filter((c) => c.selected === true);
  return (ticked.length > 0 ? ticked : item.effectiveChannels.filter((c) => c.selected !== false)).map((c) => c.name);
}
