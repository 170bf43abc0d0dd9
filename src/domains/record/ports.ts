import type { Deps } from '../../platform/context.ts';
import type { OrgRow } from '../org/index.ts';

/** A required channel with nowhere to go yet, and the page that gives it one. */
export interface ChannelGapView {
  channel: string;
  message: string;
  href: string | null;
}

/** What the record pages need from later floors; the app plugs the channel domain in (ports.ts). */
export interface RecordPorts {
  /** The item's required channels without a destination: warned at submission and approval. */
  channelGaps(deps: Deps, org: OrgRow, itemKey: string, requiredChannels: string[]): Promise<ChannelGapView[]>;
}

export const NO_RECORD_PORTS: RecordPorts = { channelGaps: async () => [] };
