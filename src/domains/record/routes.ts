import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import type { OrgRow } from '../org/index.ts';
import { recordActionRoutes } from './routes/actionRoutes.ts';
import { publicRecordRoutes } from './routes/publicRoutes.ts';
import { recordSettingsRoutes } from './routes/settingsRoutes.ts';
import { staffRecordRoutes } from './routes/staffRoutes.ts';

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

/** The record domain's routes: public (portal, search, registration) and staff kept apart. */
export function recordRoutes(deps: Deps, ports: RecordPorts = NO_RECORD_PORTS) {
  return async (app: FastifyInstance) => {
    await app.register(publicRecordRoutes(deps));
    await app.register(staffRecordRoutes(deps, ports));
    await app.register(recordActionRoutes(deps, ports));
    await app.register(recordSettingsRoutes(deps));
  };
}
