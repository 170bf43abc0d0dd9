/** The electronic screen: its page, the JSON it polls, the play log it posts (by its own key), and its font. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import { findOrganisation } from '../../org/orgTree.ts';
import type { OrgRow } from '../../org/repository.ts';
import { baseUrl, communityPath } from '../links.ts';
import { ScreenDocument, screenHeading, SlidesFragment } from '../pages/ScreenDocument.tsx';
import { loadPlaylist } from '../playlistForm.ts';
import type { Orientation } from '../screen/geometry.ts';
import { buildSlides, slidesHash, windowsAttr } from '../screen/slides.ts';
import { qrDataUrl } from '../screen/qrSvg.ts';
import { fontBytes } from '../sheet/pdfKit.ts';
import { recordPlays, screenByKey } from '../screens.ts';
import type { RecordSource } from '../source.ts';
import { beijingDay } from '../text.ts';
import { codeParam } from './common.ts';

export const POLL_SECONDS = 60;
const orientationQuery = z.object({ o: z.enum(['landscape', 'portrait']).default('landscape').catch('landscape') });

async function community(deps: Deps, request: FastifyRequest): Promise<OrgRow> {
  const { code } = parseInput(codeParam, request.params);
  const org = await findOrganisation(deps, code);
  if (!org || org.kind !== 'community') throw new NotFoundError('没有找到这个社区（村）的电子屏。');
  return org;
}

async function screenData(deps: Deps, source: RecordSource, org: OrgRow, orientation: Orientation, base: string) {
  const playlist = await loadPlaylist(deps, org.id);
  const views = await source.recent(deps, org, null, 200);
  const slides = buildSlides(views, playlist, { orientation, today: beijingDay(deps.clock.now()), baseUrl: base });
  return { slides, hash: slidesHash(slides, playlist), onHours: windowsAttr(playlist.onHours), emptyQr: qrDataUrl(base + communityPath(org.code)) };
}

export function screenRoutes(deps: Deps, source: RecordSource) {
  return async (app: FastifyInstance) => {
    app.get('/screen/:code', async (request, reply) => {
      const org = await community(deps, request);
      const { o } = parseInput(orientationQuery, request.query);
      const data = await screenData(deps, source, org, o, baseUrl(deps.config, request));
      const html = '<!doctype html>' + renderToString(h(ScreenDocument, { code: org.code, communityName: org.name, orientation: o, pollSeconds: POLL_SECONDS, ...data }));
      return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
    });

    app.get('/screen/:code/slides.json', async (request, reply) => {
      const org = await community(deps, request);
      const { o } = parseInput(orientationQuery, request.query);
      const data = await screenData(deps, source, org, o, baseUrl(deps.config, request));
      const html = renderToString(h(SlidesFragment, { slides: data.slides, heading: screenHeading(org.name), emptyQr: data.emptyQr }));
      return reply.header('cache-control', 'no-store').send({ hash: data.hash, onHours: data.onHours, slides: data.slides.length, html });
    });

    // The screen authenticates with its own key (Authorization: Bearer), not a session: no CSRF token.
    app.post('/screen/:code/plays', { config: { csrf: false, rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
      const org = await community(deps, request);
      const screen = await screenByKey(deps, org, request.headers.authorization);
      return reply.send(await recordPlays(deps, source, org, screen, request.body));
    });

    app.get('/screen/fonts/:weight', async (request, reply) => {
      const weight = (request.params as { weight: string }).weight;
      if (weight !== 'regular.ttf' && weight !== 'bold.ttf') throw new NotFoundError();
      return reply.header('cache-control', 'public, max-age=31536000, immutable').type('font/ttf').send(fontBytes(weight === 'bold.ttf' ? 'bold' : 'regular'));
    });
  };
}
