/** Publishing a record the way staff do (draft → submit → supervisor approves), for the channel tests. */
import type { Deps } from '../../src/platform/context.ts';
import { findOrganisation } from '../../src/domains/org/orgTree.ts';
import { listItemContexts } from '../../src/domains/record/itemContext.ts';
import { createRecord } from '../../src/domains/record/createRecord.ts';
import { saveDraft } from '../../src/domains/record/saveDraft.ts';
import { submitRecord } from '../../src/domains/record/submitRecord.ts';
import { approveRecord } from '../../src/domains/record/reviewRecord.ts';
import { actor } from './compliance.ts';

export interface NewRecord {
  editor: string;
  supervisor: string;
  /** The item's name in the community's catalog, e.g. 最低生活保障. */
  item: string;
  title: string;
  body: string;
  /** A table pasted as tab-separated text, header first. */
  table?: { caption: string; tsv: string };
  publicity?: boolean;
}

/** Returns the record's public id (the /r/<id> address). */
export async function publishRecord(deps: Deps, r: NewRecord): Promise<string> {
  const editor = await actor(deps, r.editor);
  const org = (await findOrganisation(deps, editor.user.orgCode))!;
  const context = (await listItemContexts(deps, org)).find((c) => c.item.name === r.item);
  if (!context) throw new Error(`no item ${r.item} in ${org.name}`);
  const record = await createRecord(deps, editor, { itemId: context.item.id, title: r.title });
  const form: Record<string, unknown> = { title: r.title, bodyMd: r.body, publicity: r.publicity === false ? '' : '1' };
  // A personal list needs a 公示期; the real catalogs name none, so 7 working days as for 低保.
  if (context.personalList && !context.publicity) form.publicityDays = '7';
  if (r.table) Object.assign(form, { tnew_caption: r.table.caption, tnew_text: r.table.tsv });
  await saveDraft(deps, editor, record.id, form);
  if ((await submitRecord(deps, editor, record.id)) === 'submitted') await approveRecord(deps, await actor(deps, r.supervisor), record.id, {});
  return record.publicId;
}
