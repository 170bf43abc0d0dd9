/** RSS, Atom and JSON Feed of a community and of one of its items: cacheable, 304 when unchanged. */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import { orgCode } from '../../../web/routeKit.ts';
import { effectiveCatalogFor, findItem } from '../../catalog/index.ts';
import type { OrgRow } from '../../org/index.ts';
import { publicCommunity } from '../edge.ts';
import { baseUrl, communityPath, publicUrlWarning } from '../links.ts';
import type { RecordSource } from '../source.ts';
import { buildFeed, FEED_TYPES, MAX_FEED_ITEMS, type FeedFormat } from './buildFeed.ts';
import { ORG_CODE_DIGITS } from '../../../platform/principal.ts';

const feedParams = z.object({ file: z.string().regex(new RegExp(`^(${ORG_CODE_DIGITS})\\.(rss|atom|json)$`), { error: '订阅地址无效' }) });
const itemFeedParams = z.object({ code: orgCode, file: z.string().regex(/^(\d{1,12})\.(rss|atom|json)$/, { error: '订阅地址无效' }) });

/** '220202004001.rss' → its number and format (the pattern was checked at the edge). */
function fileOf(file: string): { id: string; format: FeedFormat } {
  const [, id, ext] = /^(\d+)\.(rss|atom|json)$/.exec(file)!;
  return { id: id!, format: ext as FeedFormat };
}

/** Feeds are cacheable (a CDN or nginx can absorb reading peaks) and answer 304 when unchanged. */
function sendFeed(request: FastifyRequest, reply: FastifyReply, format: FeedFormat, body: string) {
  const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  reply.header('etag', etag).header('cache-control', 'public, max-age=300');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type(FEED_TYPES[format]).send(body);
}

/** The item of a feed address; an item id of an earlier catalog version still finds its item by its stable key. */
async function feedItem(deps: Deps, org: OrgRow, itemId: number) {
  const effective = await effectiveCatalogFor(deps, org);
  const key = effective?.items.find((i) => i.id === itemId)?.itemKey ?? (await findItem(deps.db.orm, itemId))?.itemKey;
  const item = effective?.items.find((i) => i.itemKey === key);
  if (!item) throw new NotFoundError('没有找到这个公开事项。');
  return item;
}

export function feedRoutes(deps: Deps, source: RecordSource) {
  return async (app: FastifyInstance) => {
    const warning = publicUrlWarning(deps.config);
    if (warning) app.log.warn(warning);

    app.get('/feeds/:file', async (request, reply) => {
      const { id: code, format } = fileOf(parseInput(feedParams, request.params).file);
      const org = await publicCommunity(deps, code);
      const views = await source.recent(deps, org, null, MAX_FEED_ITEMS);
      const body = buildFeed(format, { communityName: org.name, homePath: communityPath(org.code), selfPath: `/feeds/${org.code}` }, views, baseUrl(deps.config), deps.clock.now());
      return sendFeed(request, reply, format, body);
    });

    app.get('/feeds/:code/items/:file', async (request, reply) => {
      const { code, file } = parseInput(itemFeedParams, request.params);
      const { id: itemId, format } = fileOf(file);
      const org = await publicCommunity(deps, code);
      const item = await feedItem(deps, org, Number(itemId));
      const views = await source.ofItem(deps, org, item.itemKey, null);
      const scope = { communityName: org.name, itemName: item.name, homePath: `${communityPath(org.code)}/items/${item.id}`, selfPath: `/feeds/${org.code}/items/${itemId}` };
      return sendFeed(request, reply, format, buildFeed(format, scope, views, baseUrl(deps.config), deps.clock.now()));
    });
  };
}
