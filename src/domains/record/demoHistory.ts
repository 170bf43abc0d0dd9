import type { Deps } from '../../platform/context.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DemoPublication } from '../compliance/index.ts';
import { activeUsersOn, findOrganisation, sessionUserByName } from '../org/index.ts';
import { actorFor, type StaffActor } from './access.ts';
import { createRecord } from './createRecord.ts';
import * as repo from './repository.ts';
import { approveRecord } from './reviewRecord.ts';
import { saveDraft } from './saveDraft.ts';
import { submitRecord } from './submitRecord.ts';

/*
 * The demo's compliance history, published for real: each publication the compliance demo
 * planned becomes a record drafted by the community's editor, submitted and approved by its
 * supervisor on that day, against the very obligation it fulfils. So every “公开” on a dashboard
 * opens a record on the portal; nothing is claimed without one.
 */

/** The deps as of 10:00 Beijing time on `day`. */
function onDay(deps: Deps, day: string): Deps {
  const at = new Date(`${day}T10:00:00+08:00`);
  const clock: Clock = { now: () => new Date(at) };
  return { ...deps, clock };
}

async function staffOf(deps: Deps, orgCode: string): Promise<{ editor: StaffActor; supervisor: StaffActor | null } | null> {
  const org = await findOrganisation(deps, orgCode);
  if (!org) return null;
  const people = await activeUsersOn(deps.db.orm, org, ['editor', 'supervisor']);
  const actor = async (role: string) => {
    const row = people.find((u) => u.role === role);
    const user = row ? await sessionUserByName(deps, row.username) : null;
    return user ? actorFor(user, null) : null;
  };
  const editor = await actor('editor');
  return editor ? { editor, supervisor: await actor('supervisor') } : null;
}

function titleOf(p: DemoPublication): string {
  const name = p.itemName.replace(/[（(].*$/, '').slice(0, 60);
  return `${name}（${p.occasion}）`.slice(0, 200);
}

/**
 * The demo's lists of people are a 公示 of 7 working days (the usual 低保 公示): a personal list is
 * never published without a 公示期, and the real catalogs name none. Other records keep their item's rule.
 */
export async function demoPublicity(deps: Deps, recordId: number): Promise<Record<string, string>> {
  const open = await repo.openVersion(deps.db.orm, recordId);
  return open?.personalList ? { publicity: '1', publicityDays: '7' } : { publicity: '1' };
}

async function publishOne(deps: Deps, p: DemoPublication, staff: { editor: StaffActor; supervisor: StaffActor | null }): Promise<void> {
  const at = onDay(deps, p.on);
  const record = await createRecord(at, staff.editor, { itemId: p.itemId, title: titleOf(p), obligationId: String(p.obligationId) });
  const body = `现将${p.occasion}的“${p.itemName}”有关情况公开如下，接受居民监督。\n\n如有疑问，请于公开之日起 10 个工作日内向社区居务监督委员会反映。`;
  await saveDraft(at, staff.editor, record.id, { title: titleOf(p), bodyMd: body, ...(await demoPublicity(deps, record.id)) });
  const outcome = await submitRecord(at, staff.editor, record.id);
  if (outcome === 'submitted' && staff.supervisor) await approveRecord(at, staff.supervisor, record.id, { comment: '经核对无误，同意公开。' });
}

/** Publishes the planned history, oldest first; communities without an editor are skipped. Returns how many. */
export async function publishDemoHistory(deps: Deps, plan: DemoPublication[]): Promise<number> {
  const staff = new Map<string, Awaited<ReturnType<typeof staffOf>>>();
  let count = 0;
  for (const p of plan) {
    if (!staff.has(p.orgCode)) staff.set(p.orgCode, await staffOf(deps, p.orgCode));
    const people = staff.get(p.orgCode);
    if (!people) continue;
    await publishOne(deps, p, people);
    count += 1;
  }
  return count;
}
