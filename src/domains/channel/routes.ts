/**
 * Every channel's routes, each registered from its own folder: the screen, the printed sheet and
 * month board, the feeds and e-mail subscriptions in public; the hub, robots and proof of posting
 * behind staff login.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/context.ts';
import { feedRoutes } from './feeds/routes.ts';
import { hubRoutes } from './hub/routes.ts';
import { sendersFor, type Senders } from './mail/senders.ts';
import { proofRoutes } from './proof/routes.ts';
import { webhookRoutes } from './push/routes.ts';
import { staffGroupRoutes } from './push/staffGroupRoutes.ts';
import { screenRoutes } from './screen/routes.ts';
import { sheetRoutes } from './sheet/routes.ts';
import { recordSource, type RecordSource } from './source.ts';
import { subscriptionRoutes } from './subscription/routes.ts';

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
    await app.register(hubRoutes(deps));
    await app.register(webhookRoutes(deps));
    await app.register(staffGroupRoutes(deps));
    await app.register(proofRoutes(deps, source, getSenders));
  };
}
