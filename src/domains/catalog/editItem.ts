import { z } from 'zod';
import { timeLimitWarnings } from './import/timeLimit.ts';
import type { ImportWarning } from './import/types.ts';
import type { TimeLimitParse } from './rules/types.ts';
import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { loadManagedCatalog, lockDraft } from './activateCatalog.ts';
import { type Actor, itemKeyOf } from './importCatalog.ts';
import { parseTimeLimit } from './rules/parseTimeLimit.ts';
import * as repo from './repository.ts';

const text = (max: number) => z.string().trim().max(max, { error: `不能超过 ${max} 个字` });
const lines = (raw: string) => raw.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
const orNull = (v: string) => (v === '' ? null : v);

export const itemEditInput = z.object({
  domain: text(100).default(''),
  category: text(200).default(''),
  name: text(300).min(1, { error: '二级事项名称不能为空' }),
  content: text(4000).default(''),
  legalBasis: text(4000).default(''),
  responsibleBodies: text(1000).default(''),
  timeLimitText: text(1000).min(1, { error: '公开时限不能为空' }),
  promptDays: z
    .string()
    .regex(/^\d{0,3}$/, { error: '天数应为 0 到 365 的整数' })
    .optional(),
  channels: text(2000).default(''),
  audienceSociety: z.string().optional(),
  audienceSpecific: z.string().optional(),
  methodProactive: z.string().optional(),
  methodOnRequest: z.string().optional(),
  level: text(100).default(''),
  websiteColumn: text(300).default(''),
});

/** "☑政府网站" → selected; "☐微信群" → not; a bare name → the source only listed it. */
function parseChannelLine(line: string): { name: string; selected: boolean | null } {
  const mark = line[0];
  if (mark === '☑' || mark === '■' || mark === '√') return { name: line.slice(1).trim(), selected: true };
  if (mark === '☐' || mark === '□') return { name: line.slice(1).trim(), selected: false };
  return { name: line, selected: null };
}

/**
 * Once staff have saved an item, the importer's warnings about it are answered and go; only what
 * is still wrong with the saved values (a 时限 still unread, a 及时 without days) is said again.
 */
function warningsAfterEdit(all: ImportWarning[], item: { seq: number }, text: string, parsed: TimeLimitParse, promptDays: number | null): ImportWarning[] {
  const others = all.filter((w) => w.item !== item.seq);
  const line = all.find((w) => w.item === item.seq && w.line !== null)?.line ?? null;
  const still = timeLimitWarnings(text, parsed, item.seq, line).filter((w) => promptDays === null || !w.message.includes('没有具体天数'));
  return [...others, ...still];
}

/** Staff correct a draft's item before confirming it; the 时限 text is parsed again. */
export async function editDraftItem(deps: Deps, actor: Actor, catalogId: number, itemId: number, raw: unknown): Promise<void> {
  const { catalog } = await loadManagedCatalog(deps, actor, catalogId);
  const refusal = '已启用的目录清单不能直接修改，请导入或复制为新版本。';
  if (catalog.status !== 'draft') throw new ConflictError(refusal);
  const item = await repo.findItem(deps.db.orm, itemId);
  if (!item || item.catalogId !== catalog.id) throw new NotFoundError('没有找到这个事项。');
  const input = parseInput(itemEditInput, raw);
  const promptDays = input.promptDays ? Number(input.promptDays) : null;
  const parsedLimit = parseTimeLimit(input.timeLimitText);
  const values = {
    domain: orNull(input.domain),
    category: orNull(input.category),
    name: input.name,
    content: input.content,
    legalBasis: lines(input.legalBasis),
    responsibleBodies: lines(input.responsibleBodies),
    timeLimitText: input.timeLimitText,
    rules: parsedLimit.rules,
    promptDays: promptDays != null && promptDays <= 365 ? promptDays : null,
    channels: lines(input.channels).map(parseChannelLine),
    audienceSociety: input.audienceSociety === '1',
    audienceSpecific: input.audienceSpecific === '1',
    methodProactive: input.methodProactive === '1',
    methodOnRequest: input.methodOnRequest === '1',
    level: orNull(input.level),
    websiteColumn: orNull(input.websiteColumn),
  };
  const itemKey = itemKeyOf(values);
  await deps.db.transaction(async (tx) => {
    await lockDraft(tx, catalog, refusal);
    await repo.updateItem(tx, item.id, { ...values, itemKey });
    await repo.setCatalogWarnings(tx, catalog.id, warningsAfterEdit(catalog.warnings, item, input.timeLimitText, parsedLimit, values.promptDays));
    const changed = Object.keys(values).filter((k) => JSON.stringify(values[k as keyof typeof values]) !== JSON.stringify(item[k as keyof typeof item]));
    await appendAudit(tx, actor, { action: 'catalog.item_edit', subjectType: 'catalog_item', subjectId: item.id, districtCode: catalog.districtCode, data: { catalog: catalog.id, seq: item.seq, fields: changed } }, deps.clock.now());
  });
}
