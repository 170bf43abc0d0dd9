/** Public channel routes: the printed sheet and month board, the feeds, and e-mail subscriptions. */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { ForbiddenError, NotFoundError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import { effectiveCatalogFor } from '../../catalog/effectiveCatalog.ts';
import { findItem } from '../../catalog/repository.ts';
import { findOrganisation } from '../../org/orgTree.ts';
import type { OrgRow } from '../../org/repository.ts';
import { buildFeed, FEED_TYPES, MAX_FEED_ITEMS, type FeedFormat } from '../feeds/buildFeed.ts';
import { baseUrl, communityPath } from '../links.ts';
import { renderBoardPdf, renderSheetPdf } from '../sheet/renderSheet.ts';
import type { RecordSource } from '../source.ts';
import { beijingDay } from '../text.ts';
import { codeParam, contentDisposition, publicIdParam } from './common.ts';

const sizeQuery = z.object({ size: z.enum(['A4', 'A3']).default('A4').catch('A4') });
const boardParams = z.object({ code: codeParam.shape.code, month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])\.pdf$/, { error: '月份格式应为 2026-10' }) });
const feedFile = z.string().regex(/^(\d{6,12})\.(rss|atom|json)$/, { error: '订阅地址无效' });
const itemFeedParams = z.object({ code: codeParam.shape.code, file: z.string().regex(/^(\d{1,12})\.(rss|atom|json)$/, { error: '订阅地址无效' }) });

async function community(deps: Deps, code: string): Promise<OrgRow> {
  const org = await findOrganisation(deps, code);
  if (!org || org.kind !== 'community') throw new NotFoundError('没有找到这个社区（村）。');
  return org;
}

function sendPdf(reply: FastifyReply, pdf: Buffer, name: string, cache: string) {
  return reply.header('content-disposition', contentDisposition('inline', name)).header('cache-control', cache).type('application/pdf').send(pdf);
}

/** Feeds are cacheable (a CDN or nginx can absorb reading peaks) and answer 304 when unchanged. */
function sendFeed(request: FastifyRequest, reply: FastifyReply, format: FeedFormat, body: string) {
  const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  reply.header('etag', etag).header('cache-control', 'public, max-age=300');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type(FEED_TYPES[format]).send(body);
}

export function sheetRoutes(deps: Deps, source: RecordSource) {
  return async (app: FastifyInstance) => {
    app.get('/r/:id/sheet.pdf', async (request, reply) => {
      const { id } = parseInput(publicIdParam, request.params);
      const { size } = parseInput(sizeQuery, request.query);
      const found = await source.find(deps, id, request.user);
      if (found.kind === 'missing') throw new NotFoundError('没有找到这条公开记录。');
      if (found.kind === 'restricted') throw new ForbiddenError('这条内容仅向本社区居民公开，请登录后查看。');
      const pdf = await renderSheetPdf(found.view, { size, baseUrl: baseUrl(deps.config, request) });
      return sendPdf(reply, pdf, `公开栏-${found.view.title.slice(0, 40)}-${id}.pdf`, found.view.audience === 'public' ? 'public, max-age=300' : 'private, no-store');
    });

    app.get('/o/:code/board/:month', async (request, reply) => {
      const { code, month: file } = parseInput(boardParams, request.params);
      const { size } = parseInput(sizeQuery, request.query);
      const org = await community(deps, code);
      const month = file.slice(0, 7);
      const views = (await source.recent(deps, org, request.user, 1000)).filter((v) => beijingDay(v.publishedAt).startsWith(month));
      const pdf = await renderBoardPdf({ communityCode: org.code, communityName: org.name, month, views }, { size, baseUrl: baseUrl(deps.config, request) });
      return sendPdf(reply, pdf, `${org.name}-${month}-公开栏汇编.pdf`, request.user ? 'private, no-store' : 'public, max-age=300');
    });
  };
}

export function feedRoutes(deps: Deps, source: RecordSource) {
  return async (app: FastifyInstance) => {
    app.get('/feeds/:file', async (request, reply) => {
      const { file } = parseInput(z.object({ file: feedFile }), request.params);
      const [, code, ext] = file.match(/^(\d+)\.(\w+)$/)!;
      const org = await community(deps, code!);
      const views = await source.recent(deps, org, null, MAX_FEED_ITEMS);
      const body = buildFeed(ext as FeedFormat, { communityName: org.name, homePath: communityPath(org.code), selfPath: `/feeds/${org.code}` }, views, baseUrl(deps.config, request), deps.clock.now());
      return sendFeed(request, reply, ext as FeedFormat, body);
    });

    app.get('/feeds/:code/items/:file', async (request, reply) => {
      const { code, file } = parseInput(itemFeedParams, request.params);
      const [, itemId, ext] = file.match(/^(\d+)\.(\w+)$/)!;
      const org = await community(deps, code);
      const effective = await effectiveCatalogFor(deps, org);
      // An item id of an earlier catalog version still finds its item by its stable key.
      const key = effective?.items.find((i) => i.id === Number(itemId))?.itemKey ?? (await findItem(deps.db.orm, Number(itemId)))?.itemKey;
      const item = effective?.items.find((i) => i.itemKey === key);
      if (!item) throw new NotFoundError('没有找到这个公开事项。');
      const views = await source.ofItem(deps, org, item.itemKey, null);
      const scope = { communityName: org.name, itemName: item.name, homePath: `${communityPath(org.code)}/items/${item.id}`, selfPath: `/feeds/${org.code}/items/${itemId}` };
      return sendFeed(request, reply, ext as FeedFormat, buildFeed(ext as FeedFormat, scope, views, baseUrl(deps.config, request), deps.clock.now()));
    });
  };
}

export async function communityItems(deps: Deps, code: string) {
  const org = await community(deps, code);
  const effective = await effectiveCatalogFor(deps, org);
  return { org, items: effective?.items ?? [] };
}
