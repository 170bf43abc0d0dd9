/**
 * Which record versions go to which targets. Runs every minute (pg-boss), so a publication
 * scheduled for later goes out when it becomes visible, and a correction goes out as a new
 * version. A target only gets records published after it was set up; 特定群体 records only reach
 * subscriptions of the community's own signed-in residents, never a chat group.
 */
import type { Deps } from '../../../platform/context.ts';
import { findOrganisationById, isActiveMemberOf, type OrgRow } from '../../org/index.ts';
import type { PublicRecordView } from '../../record/index.ts';
import * as repo from '../repository.ts';
import { residentViewer, type RecordSource } from '../source.ts';

export const RECENT_PER_COMMUNITY = 50;

/** Is the subscription a signed-in person of this community whose account still works? */
export async function residentSubscriber(deps: Deps, sub: repo.SubscriptionRow): Promise<boolean> {
  if (sub.userId === null) return false;
  return isActiveMemberOf(deps, sub.userId, sub.orgId);
}

const wantsItem = (sub: repo.SubscriptionRow, view: PublicRecordView) => sub.itemKeys.length === 0 || sub.itemKeys.includes(view.itemKey);

interface Targets {
  hooks: repo.WebhookRow[];
  subs: (repo.SubscriptionRow & { resident: boolean })[];
}

export async function targetsOf(deps: Deps, org: OrgRow): Promise<Targets> {
  const hooks = (await repo.listWebhooks(deps.db.orm, org.id)).filter((h) => h.enabled);
  const subs = await repo.listSubscriptions(deps.db.orm, org.id, 'active');
  return { hooks, subs: await Promise.all(subs.map(async (s) => ({ ...s, resident: await residentSubscriber(deps, s) }))) };
}

/** Deliveries for one record version; `since` false pushes it regardless of when targets were set up. */
export function deliveriesFor(org: OrgRow, view: PublicRecordView, t: Targets, now: Date, since = true): repo.NewDelivery[] {
  if (view.withdrawal) return [];
  const base = { orgId: org.id, districtCode: org.districtCode, recordId: view.id, recordVersion: view.version, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now };
  const hooks = t.hooks.filter((h) => view.audience === 'public' && (!since || view.updatedAt >= h.createdAt));
  const subs = t.subs.filter((s) => (view.audience === 'public' || s.resident) && wantsItem(s, view) && (!since || (s.confirmedAt !== null && view.updatedAt >= s.confirmedAt)));
  return [...hooks.map((h) => ({ ...base, targetKind: 'webhook', targetId: h.id })), ...subs.map((s) => ({ ...base, targetKind: s.channel, targetId: s.id }))];
}

async function viewsFor(deps: Deps, source: RecordSource, org: OrgRow, t: Targets): Promise<PublicRecordView[]> {
  // A resident's view is a superset of the public one; ask for it only when someone may use it.
  const viewer = t.subs.some((s) => s.resident) ? residentViewer(org) : null;
  return source.recent(deps, org, viewer, RECENT_PER_COMMUNITY);
}

/** Creates the deliveries not made yet, for every community with somewhere to push to. */
export async function dispatchNew(deps: Deps, source: RecordSource): Promise<number> {
  let created = 0;
  const now = deps.clock.now();
  for (const orgId of await repo.orgsWithPushTargets(deps.db.orm)) {
    const org = await findOrganisationById(deps, orgId);
    if (!org) continue;
    const t = await targetsOf(deps, org);
    const rows = (await viewsFor(deps, source, org, t)).flatMap((v) => deliveriesFor(org, v, t, now));
    created += (await repo.insertDeliveries(deps.db.orm, rows)).length;
  }
  return created;
}
