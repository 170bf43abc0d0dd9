import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { recordActionRoutes } from './routes/actionRoutes.ts';
import { publicRecordRoutes } from './routes/publicRoutes.ts';
import { recordSettingsRoutes } from './routes/settingsRoutes.ts';
import { staffRecordRoutes } from './routes/staffRoutes.ts';

/** The record domain's routes: public (portal, search, registration) and staff kept apart. */
export function recordRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    await app.register(publicRecordRoutes(deps));
    await app.register(staffRecordRoutes(deps));
    await app.register(recordActionRoutes(deps));
    await app.register(recordSettingsRoutes(deps));
  };
}
