import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ValidationError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { loadRecord, lockStillOpen, requireOpenVersion, type StaffActor } from './access.ts';
import { assertEditor } from './policy.ts';
import * as repo from './repository.ts';
import { tableFromTsv } from './tables/build.ts';
import { publicPhoneSet } from './privacy/index.ts';
import { findOrganisationById } from '../org/index.ts';
import { parseDateText } from './tables/cells.ts';
import { COLUMN_TYPES, type ColumnType, type RecordTable } from './types.ts';
import { parseBeijingDateTime } from '../../platform/time.ts';

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .max(20)
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const iso = parseDateText(v);
      if (!iso) ctx.addIssue({ code: 'custom', message: `${label}格式不对，应为 2026-10-30 这样的日期` });
      return iso;
    });

export const draftInput = z.object({
  title: z.string().trim().min(2, { error: '标题至少 2 个字' }).max(200, { error: '标题不能超过 200 个字' }),
  bodyMd: z.string().max(50_000, { error: '正文不能超过 5 万字' }).default(''),
  informationFormedOn: optionalDate('信息形成日期'),
  periodFrom: optionalDate('所属期间开始日期'),
  periodTo: optionalDate('所属期间结束日期'),
  publishAt: z.string().trim().max(30).optional(),
  publicity: z.string().optional(),
  publicityDays: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 90) ctx.addIssue({ code: 'custom', message: '公示期应填 1 到 90 之间的整数天数' });
      return n;
    }),
  correctionNote: z.string().trim().max(1000, { error: '更正说明不能超过 1000 字' }).optional(),
});

type Form = Record<string, unknown>;
const str = (form: Form, key: string) => (typeof form[key] === 'string' ? (form[key] as string) : '');

/** Existing tables as edited (t0_…, t1_…) and a new one pasted into tnew_…. */
export function tablesFromForm(form: Form, existing: RecordTable[], publicPhones?: ReadonlySet<string>): RecordTable[] {
  const errors: string[] = [];
  const out: RecordTable[] = [];
  const read = (prefix: string, fallbackTypes: ColumnType[]) => {
    const text = str(form, `${prefix}_text`);
    if (text.trim() === '' || str(form, `${prefix}_delete`) === '1') return;
    const types = fallbackTypes.map((t, j) => {
      const chosen = str(form, `${prefix}_type${j}`) as ColumnType;
      return COLUMN_TYPES.includes(chosen) ? chosen : t;
    });
    const built = tableFromTsv(str(form, `${prefix}_caption`) || `表格${out.length + 1}`, text.slice(0, 400_000), types, publicPhones);
    errors.push(...built.errors.map((e) => `表格“${built.table.caption}”${e}`));
    out.push(built.table);
  };
  existing.forEach((t, i) => read(`t${i}`, t.columns.map((c) => c.type)));
  read('tnew', []);
  if (errors.length > 0) throw new ValidationError(errors.slice(0, 5).join('；'), { tables: errors.join('\n') });
  return out;
}

/** Saves the editor's form over the open draft (or returned version). */
export async function saveDraft(deps: Deps, actor: StaffActor, recordId: number, form: Form): Promise<repo.VersionRow> {
  const record = await loadRecord(deps, recordId);
  assertEditor(actor.user, record);
  const version = await requireOpenVersion(deps.db.orm, record, ['draft', 'returned'], '修改');
  const input = parseInput(draftInput, form);
  const publishAt = input.publishAt ? parseBeijingDateTime(input.publishAt) : null;
  if (input.publishAt && !publishAt) throw new ValidationError('定时发布时间格式不对', { publishAt: '定时发布时间格式不对' });
  if (input.periodFrom && input.periodTo && input.periodFrom > input.periodTo) throw new ValidationError('所属期间的开始日期晚于结束日期');
  // The organisation's listed public numbers are stored as written; every other phone is masked before storage.
  const org = await findOrganisationById(deps, record.orgId);
  const tables = tablesFromForm(form, version.tables, publicPhoneSet(org?.publicPhones));
  const now = deps.clock.now();
  const values = {
    title: input.title,
    bodyMd: input.bodyMd.replace(/\r\n/g, '\n'),
    tables,
    informationFormedOn: input.informationFormedOn,
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    publishAt,
    publicity: input.publicity === '1',
    // A correction keeps the period its record started with (publishVersion); a draft keeps what was typed.
    publicityDays: version.version > 1 ? version.publicityDays : input.publicityDays,
    correctionNote: version.version > 1 ? (input.correctionNote ?? version.correctionNote) : null,
    updatedAt: now,
  };
  await deps.db.transaction(async (tx) => {
    await lockStillOpen(tx, record.id, version);
    await repo.updateVersion(tx, version.id, values);
    await appendAudit(tx, actor, { action: 'record.save', subjectType: 'record', subjectId: record.id, districtCode: record.districtCode, data: { version: version.version, tables: tables.length, rows: tables.reduce((n, t) => n + t.rows.length, 0) } }, now);
  });
  return { ...version, ...values };
}
