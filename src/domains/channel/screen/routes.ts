/**
 * The electronic screen: its page, the JSON it polls, the play log it posts (by its own key), and
 * its font in public; the playlist and the registered screens on the staff side.
 */
import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { actorOf, bodyOf, codeParam, formProblem, idParam, queryOf, staffOnly } from '../../../web/routeKit.ts';
import { channelNames, effectiveCatalogFor } from '../../catalog/index.ts';
import type { OrgRow, SessionUser } from '../../org/index.ts';
import { okNotice, orgSuffix, publicCommunity, staffCommunity } from '../edge.ts';
import { baseUrl } from '../links.ts';
import { assertCanManage, canManage } from '../policy.ts';
import * as repo from '../repository.ts';
import { fontPath } from '../../../platform/fonts.ts';
import type { RecordSource } from '../source.ts';
import { loadPlaylist, parsePlaylistForm, savePlaylist, type PlaylistItem } from './playlistForm.ts';
import { ScreenDocument, screenHeading, SlidesFragment } from './ScreenDocument.tsx';
import { screenData } from './screenData.ts';
import { recordPlays, registerScreen, revokeScreen, screenByKey } from './screens.ts';
import { ScreenSettings } from './ScreenSettings.tsx';

export const POLL_SECONDS = 60;
const orientationQuery = z.object({ o: z.enum(['landscape', 'portrait']).default('landscape').catch('landscape') });
const fontParams = z.object({ weight: z.enum(['regular.ttf', 'bold.ttf']) });
const playlistForm = z.record(z.string(), z.unknown());
const OK: Record<string, string> = { saved: '已保存。', revoked: '已停用这块电子屏。' };

const screenOf = (deps: Deps, request: FastifyRequest): Promise<OrgRow> => publicCommunity(deps, codeParam(request), '没有找到这个社区（村）的电子屏。');

function publicScreenRoutes(deps: Deps, source: RecordSource) {
  return async (app: FastifyInstance) => {
    app.get('/screen/:code', async (request, reply) => {
      const org = await screenOf(deps, request);
      const { o } = queryOf(request, orientationQuery);
      const data = await screenData(deps, source, org, o, baseUrl(deps.config, request));
      const html = '<!doctype html>' + renderToString(h(ScreenDocument, { code: org.code, communityName: org.name, orientation: o, pollSeconds: POLL_SECONDS, ...data }));
      return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
    });

    app.get('/screen/:code/slides.json', async (request, reply) => {
      const org = await screenOf(deps, request);
      const { o } = queryOf(request, orientationQuery);
      const data = await screenData(deps, source, org, o, baseUrl(deps.config, request));
      const html = renderToString(h(SlidesFragment, { slides: data.slides, heading: screenHeading(org.name), emptyQr: data.emptyQr }));
      return reply.header('cache-control', 'no-store').send({ hash: data.hash, onHours: data.onHours, onAir: data.onAir, slides: data.slides.length, html });
    });

    // The screen authenticates with its own key (Authorization: Bearer), not a session: no CSRF token.
    app.post('/screen/:code/plays', { config: { csrf: false, rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
      const org = await screenOf(deps, request);
      const screen = await screenByKey(deps, org, request.headers.authorization);
      return reply.send(await recordPlays(deps, source, org, screen, request.body));
    });

    app.get('/screen/fonts/:weight', async (request, reply) => {
      const weight = fontParams.safeParse(request.params).data?.weight;
      if (!weight) throw new NotFoundError();
      return reply.header('cache-control', 'public, max-age=31536000, immutable').type('font/ttf').send(createReadStream(fontPath(weight === 'bold.ttf' ? 'bold' : 'regular')));
    });
  };
}

/** The community's catalog items with the channels that decide whether they play by default. */
async function playlistItems(deps: Deps, org: OrgRow): Promise<(PlaylistItem & { seq: number })[]> {
  const items = (await effectiveCatalogFor(deps, org))?.items ?? [];
  return items.map((i) => ({ id: i.id, itemKey: i.itemKey, name: i.name, seq: i.seq, requiredChannels: channelNames(i) }));
}

async function settingsPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, user: SessionUser, org: OrgRow, extra: { newScreenUrl?: string; error?: string } = {}) {
  const screens = await repo.listScreens(deps.db.orm, org.id);
  const names = new Map(screens.map((s) => [s.id, s.name]));
  const plays = (await repo.recentPlays(deps.db.orm, org.id, 30)).map((p) => ({ ...p, screen: names.get(p.screenId) ?? String(p.screenId) }));
  const props = { ctx: pageCtx(request, reply), org, own: user.orgId === org.id, canManage: canManage(user, org), items: await playlistItems(deps, org), playlist: await loadPlaylist(deps, org.id), screens, plays, ok: okNotice(request, OK), ...extra };
  return sendPage(reply, h(ScreenSettings, props), extra.error ? 400 : 200);
}

function staffScreenRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const guard = { preHandler: staffOnly() };

    app.get('/staff/channel/screen', guard, async (request, reply) => {
      const { user, org } = await staffCommunity(deps, request);
      return settingsPage(deps, request, reply, user, org);
    });

    app.post('/staff/channel/screen/playlist', guard, async (request, reply) => {
      const { user, org } = await staffCommunity(deps, request);
      assertCanManage(user, org);
      const items = await playlistItems(deps, org);
      const form = bodyOf(request, playlistForm);
      const problem = await formProblem(() => savePlaylist(deps, actorOf(request), org, parsePlaylistForm(items, form)));
      if (problem) return settingsPage(deps, request, reply, user, org, { error: problem.message });
      return reply.redirect(`/staff/channel/screen?ok=saved${orgSuffix(user, org, '&')}`, 303);
    });

    app.post('/staff/channel/screen/screens', guard, async (request, reply) => {
      const { user, org } = await staffCommunity(deps, request);
      assertCanManage(user, org);
      let made: { token: string } | undefined;
      const problem = await formProblem(async () => (made = await registerScreen(deps, actorOf(request), org, request.body)));
      if (problem || !made) return settingsPage(deps, request, reply, user, org, { error: problem?.message ?? '电子屏没有登记成功。' });
      // The key travels in the fragment: browsers never send it to the server or put it in logs.
      return settingsPage(deps, request, reply, user, org, { newScreenUrl: `${baseUrl(deps.config, request)}/screen/${org.code}#key=${made.token}` });
    });

    app.post('/staff/channel/screen/screens/:id/revoke', guard, async (request, reply) => {
      const { user, org } = await staffCommunity(deps, request);
      assertCanManage(user, org);
      await revokeScreen(deps, actorOf(request), org, idParam(request));
      return reply.redirect(`/staff/channel/screen?ok=revoked${orgSuffix(user, org, '&')}`, 303);
    });
  };
}

export function screenRoutes(deps: Deps, source: RecordSource) {
  return async (app: FastifyInstance) => {
    await app.register(publicScreenRoutes(deps, source));
    await app.register(staffScreenRoutes(deps));
  };
}
