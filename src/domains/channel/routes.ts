/** Every channel route: the screen, sheets, feeds and subscriptions in public; the staff pages behind login. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { sendersFor, type Senders } from './mail/senders.ts';
import { proofRoutes } from './routes/proofRoutes.ts';
import { feedRoutes, sheetRoutes } from './routes/publicRoutes.ts';
import { screenRoutes } from './routes/screenRoutes.ts';
import { staffRoutes } from './routes/staffRoutes.ts';
import { subscriptionRoutes } from './routes/subscriptionRoutes.ts';
import { webhookRoutes } from './routes/webhookRoutes.ts';
import { recordSource, type RecordSource } from './source.ts';

export function channelRoutes(deps: Deps, source: RecordSource = recordSource) {
  return async (app: FastifyInstance) => {
    // One mail transport for the app's life, made when first needed.
    let senders: Senders | null = null;
    const getSenders = () => (senders ??= sendersFor(deps.config));
    app.addHook('onClose', async () => senders?.email?.close());
    await app.register(screenRoutes(deps, source));
    await app.register(sheetRoutes(deps, source));
    await app.register(feedRoutes(deps, source));
    await app.register(subscriptionRoutes(deps, getSenders));
    await app.register(staffRoutes(deps, getSenders));
    await app.register(webhookRoutes(deps));
    await app.register(proofRoutes(deps, source, getSenders));
  };
}
