/** The printed sheet of a record (A4 or A3) and a community's month board, as PDF. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { ForbiddenError, NotFoundError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import { orgCode, queryOf } from '../../../web/routeKit.ts';
import { contentDisposition } from '../../../web/download.ts';
import { publicCommunity, recordIdParam } from '../edge.ts';
import { baseUrl, recordUrl } from '../links.ts';
import { qrSvg } from '../screen/qrSvg.ts';
import { beijingMonth, type RecordSource } from '../source.ts';
import { printBoard, printSheet } from './print.ts';

const sizeQuery = z.object({ size: z.enum(['A4', 'A3']).default('A4').catch('A4') });
const boardParams = z.object({ code: orgCode, month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])\.pdf$/, { error: '月份格式应为 2026-10' }) });

/**
 * Per address: a printed sheet is seconds of CPU, so one address may ask for a few a minute (a
 * clerk printing the month's sheets stays well under it); the cache in front answers repeats.
 */
const PRINT_LIMIT = { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } };

function sendPdf(reply: FastifyReply, pdf: Buffer, name: string, cache: string) {
  return reply.header('content-disposition', contentDisposition('inline', name)).header('cache-control', cache).type('application/pdf').send(pdf);
}

export function sheetRoutes(deps: Deps, source: RecordSource) {
  return async (app: FastifyInstance) => {
    app.get('/r/:id/sheet.pdf', PRINT_LIMIT, async (request, reply) => {
      const id = recordIdParam(request);
      const { size } = queryOf(request, sizeQuery);
      const found = await source.find(deps, id, request.user);
      if (found.kind === 'missing') throw new NotFoundError('没有找到这条公开记录。');
      if (found.kind === 'restricted') throw new ForbiddenError('这条内容仅向本社区居民公开，请登录后查看。');
      const pdf = await printSheet(found.view, { size, baseUrl: baseUrl(deps.config, request) });
      return sendPdf(reply, pdf, `公开栏-${found.view.title.slice(0, 40)}-${id}.pdf`, found.view.audience === 'public' ? 'public, max-age=300' : 'private, no-store');
    });

    // The QR code residents scan or save to share a record: its public address, nothing more.
    app.get('/r/:id/qr.svg', async (request, reply) => {
      const id = recordIdParam(request);
      const found = await source.find(deps, id, request.user);
      if (found.kind === 'missing') throw new NotFoundError('没有找到这条公开记录。');
      return reply.header('cache-control', 'public, max-age=3600').type('image/svg+xml').send(qrSvg(recordUrl(baseUrl(deps.config), id)));
    });

    // Every record of the month, however many: the board is what was posted that month.
    app.get('/o/:code/board/:month', PRINT_LIMIT, async (request, reply) => {
      const { code, month: file } = parseInput(boardParams, request.params);
      const { size } = queryOf(request, sizeQuery);
      const org = await publicCommunity(deps, code);
      const month = file.slice(0, 7);
      const views = await source.published(deps, org, request.user, beijingMonth(month));
      const pdf = await printBoard({ communityCode: org.code, communityName: org.name, month, views }, { size, baseUrl: baseUrl(deps.config, request) });
      return sendPdf(reply, pdf, `${org.name}-${month}-公开栏汇编.pdf`, request.user ? 'private, no-store' : 'public, max-age=300');
    });
  };
}
