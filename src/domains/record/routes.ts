import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { NO_RECORD_PORTS, type RecordPorts } from './ports.ts';
import { recordActionRoutes } from './routes/actionRoutes.ts';
import { publicRecordRoutes } from './routes/publicRoutes.ts';
import { recordSettingsRoutes } from './routes/settingsRoutes.ts';
import { staffRecordRoutes } from './routes/staffRoutes.ts';

export type { ChannelGapView, RecordPorts } from './ports.ts';

/** The record domain's routes: public (portal, search, registration) and staff kept apart. */
export function recordRoutes(deps: Deps, ports: RecordPorts = NO_RECORD_PORTS) {
  return async (app: FastifyInstance) => {
    await app.register(publicRecordRoutes(deps));
    await app.register(staffRecordRoutes(deps, ports));
    await app.register(recordActionRoutes(deps, ports));
    await app.register(recordSettingsRoutes(deps));
  };
}
