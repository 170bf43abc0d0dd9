/*
 * Test helpers of the record domain (issue 5): a seeded world, actors, made-up personal numbers,
 * and the usual draft → submit → approve path.
 */
import type { Deps } from '../../src/platform/context.ts';
import { importCatalog } from '../../src/domains/catalog/importCatalog.ts';
import { tabText, utf8 } from '../../src/domains/catalog/import/fixtures.ts';
import { actorFor, type StaffActor } from '../../src/domains/record/access.ts';
import { findOrganisation } from '../../src/domains/org/orgTree.ts';
import { listItemContexts } from '../../src/domains/record/itemContext.ts';
import { createRecord } from '../../src/domains/record/createRecord.ts';
import { saveDraft } from '../../src/domains/record/saveDraft.ts';
import { submitRecord } from '../../src/domains/record/submitRecord.ts';
import { approveRecord } from '../../src/domains/record/reviewRecord.ts';
import { addUser, seedTwoStreets, sessionUser } from './fixtures.ts';

/**
 * Two communities (甲一 220202001001 under street A, 乙一 220202002001 under street B) following
 * the district's test catalog: item 1 低保对象名单 (公示 7 个工作日, a personal list), item 2
 * 临时救助名单 (特定群体 only), item 3 财务收支情况. Staff and residents in both.
 */
export async function seedRecordWorld(deps: Deps): Promise<void> {
  await seedTwoStreets(deps);
  await importCatalog(deps, { id: null, name: 'test', ip: null, user: null }, { fileName: 'catalog.txt', bytes: utf8(tabText()), orgCode: '220202', activate: true });
  const people: [string, Parameters<typeof addUser>[2], string][] = [
    ['district', 'district_admin', '220202'],
    ['street-a', 'street_admin', '220202001'],
    ['editor-a', 'editor', '220202001001'],
    ['editor-a2', 'editor', '220202001001'],
    ['supervisor-a', 'supervisor', '220202001001'],
    ['supervisor-a2', 'supervisor', '220202001001'],
    ['resident-a', 'resident', '220202001001'],
    ['editor-b', 'editor', '220202002001'],
    ['supervisor-b', 'supervisor', '220202002001'],
    ['resident-b', 'resident', '220202002001'],
  ];
  for (const [name, role, org] of people) await addUser(deps, name, role, org);
}


export { sessionUser };

export async function actor(deps: Deps, username: string): Promise<StaffActor> {
  return actorFor(await sessionUser(deps, username), '127.0.0.1');
}

/** Valid 18-digit IDs (checksums hold) and mobiles used across the record tests; all made up. */
export const PEOPLE = [
  { name: '张秀华', id: '11010519491231002X', mobile: '13812345678' },
  { name: '李建国', id: '110105195801150013', mobile: '13987654321' },
  { name: '王明', id: '220202198503070010', mobile: '15043218765' },
];

/** Multipart body as a browser sends it: fields, then one file. */
export function multipart(fields: Record<string, string>, file: { name: string; bytes: Uint8Array; type?: string }) {
  const boundary = '----gongkai' + Math.random().toString(16).slice(2);
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const head = Buffer.from(parts.join('') + `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`);
  return { body: Buffer.concat([head, Buffer.from(file.bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

/** The id of a catalog item (by name) in a community's current catalog. */
export async function itemIdOf(deps: Deps, orgCode: string, name: string): Promise<number> {
  const org = (await findOrganisation(deps, orgCode))!;
  const found = (await listItemContexts(deps, org)).find((c) => c.item.name === name);
  if (!found) throw new Error(`no item ${name} in ${orgCode}`);
  return found.item.id;
}

/** A draft with a body and optional table text, written by `editor`; returns the record id. */
export async function draftRecord(deps: Deps, editor: string, item: string, form: { title: string; bodyMd?: string; tnew_text?: string; publicity?: string; publicityDays?: string }): Promise<number> {
  const who = await actor(deps, editor);
  const record = await createRecord(deps, who, { itemId: await itemIdOf(deps, who.user.orgCode, item), title: form.title });
  // A personal list needs a 公示期: the item's rule, or 7 working days where the catalog has none.
  const context = (await listItemContexts(deps, (await findOrganisation(deps, who.user.orgCode))!)).find((c) => c.item.name === item);
  const days = context?.personalList && !context.publicity ? { publicityDays: '7' } : {};
  await saveDraft(deps, who, record.id, { publicity: '1', bodyMd: '', ...days, ...form });
  return record.id;
}

/** Draft → submit → approve, the usual path; returns the record id. */
export async function publishRecord(deps: Deps, community: 'a' | 'b', item: string, form: Parameters<typeof draftRecord>[3]): Promise<number> {
  const id = await draftRecord(deps, `editor-${community}`, item, form);
  await submitRecord(deps, await actor(deps, `editor-${community}`), id);
  await approveRecord(deps, await actor(deps, `supervisor-${community}`), id, {});
  return id;
}
