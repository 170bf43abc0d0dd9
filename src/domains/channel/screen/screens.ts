/** Registering the community's screens, and the play log they report: the proof of display. */
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../../platform/audit/index.ts';
import { ForbiddenError, NotFoundError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import { bumpPublicVersion, type OrgRow } from '../../org/index.ts';
import * as repo from '../repository.ts';
import { newToken, tokenHash } from '../secrets.ts';
import type { RecordSource } from '../source.ts';
import { beijingDate } from '../../../platform/time.ts';

const nameInput = z.object({ name: z.string().trim().min(1, { error: '请填写电子屏名称，例如“社区服务站大厅电子屏”' }).max(60, { error: '名称不能超过 60 个字' }) });

/** A new screen and its key, shown once: only the key's hash is stored. */
export async function registerScreen(deps: Deps, actor: AuditActor, org: OrgRow, raw: unknown): Promise<{ screen: repo.ScreenRow; token: string }> {
  const { name } = parseInput(nameInput, raw);
  const token = newToken();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const screen = await repo.insertScreen(tx, { orgId: org.id, districtCode: org.districtCode, name, tokenHash: tokenHash(token), tokenHint: token.slice(-4), createdBy: actor.name, createdAt: now });
    await appendAudit(tx, actor, { action: 'channel.screen_register', subjectType: 'channel_screen', subjectId: screen.id, districtCode: org.districtCode, data: { org: org.code, name } }, now);
    return { screen, token };
  });
}

export async function revokeScreen(deps: Deps, actor: AuditActor, org: OrgRow, id: number): Promise<void> {
  const screen = await repo.findScreen(deps.db.orm, id);
  if (!screen || screen.orgId !== org.id) throw new NotFoundError('没有找到这块电子屏。');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.updateScreen(tx, id, { revokedAt: now });
    await bumpPublicVersion(tx, org, 'context'); // a revoked key must not keep a cached screen
    await appendAudit(tx, actor, { action: 'channel.screen_revoke', subjectType: 'channel_screen', subjectId: id, districtCode: org.districtCode, data: { org: org.code, name: screen.name } }, now);
  });
}

const playsInput = z.object({
  plays: z
    .array(
      z.object({
        r: z.string().regex(/^[a-z0-9]{4,32}$/),
        v: z.number().int().min(1).max(100_000),
        p: z.number().int().min(1).max(10_000).optional(),
        at: z.iso.datetime({ offset: true }),
        s: z.number().int().min(1).max(3600),
      }),
    )
    .max(500, { error: '一次最多上报 500 条' }),
});

/** The screen behind a key, which must belong to the community in the address. */
export async function screenByKey(deps: Deps, org: OrgRow, authorization: string | undefined): Promise<repo.ScreenRow> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const screen = token ? await repo.findScreenByTokenHash(deps.db.orm, tokenHash(token)) : null;
  if (!screen || screen.orgId !== org.id) throw new ForbiddenError('电子屏密钥无效或已停用。');
  return screen;
}

/**
 * Adds reported plays to the log, per record version and Beijing day. Plays of records that are
 * not this community's, or timed more than a week back or in the future, are not counted.
 */
export async function recordPlays(deps: Deps, source: RecordSource, org: OrgRow, screen: repo.ScreenRow, raw: unknown): Promise<{ accepted: number; ignored: number }> {
  const { plays } = parseInput(playsInput, raw);
  const now = deps.clock.now();
  const own = new Set((await source.recent(deps, org, null, 500)).map((v) => v.id));
  const rows = new Map<string, repo.NewPlay>();
  let accepted = 0;
  for (const p of plays) {
    const at = new Date(p.at);
    if (!own.has(p.r) || at.getTime() > now.getTime() + 5 * 60_000 || at.getTime() < now.getTime() - 7 * 86_400_000) continue;
    accepted++;
    const day = beijingDate(at);
    const key = `${p.r}|${p.v}|${day}`;
    const row = rows.get(key);
    if (row) {
      row.plays += 1;
      row.seconds += p.s;
      if (at < row.firstShownAt) row.firstShownAt = at;
      if (at > row.lastShownAt) row.lastShownAt = at;
    } else rows.set(key, { screenId: screen.id, recordId: p.r, version: p.v, day, orgId: org.id, districtCode: org.districtCode, firstShownAt: at, lastShownAt: at, plays: 1, seconds: p.s });
  }
  await deps.db.transaction(async (tx) => {
    await repo.addPlays(tx, [...rows.values()]);
    await repo.updateScreen(tx, screen.id, { lastSeenAt: now });
  });
  return { accepted, ignored: plays.length - accepted };
}
