import { createHash } from 'node:crypto';
import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { findOrganisation, assertAdminOf } from '../org/index.ts';
import { parseCatalogFile } from './import/index.ts';
import type { ParsedCatalog, ParsedItem } from './import/types.ts';
import { activateCatalog, discardDraft } from './activateCatalog.ts';
import type { ColumnMapping } from './import/mapping.ts';
import * as repo from './repository.ts';

import type { Actor } from '../../platform/principal.ts';

export type { Actor };

/** Stable across versions: the same 领域 / 一级事项 / 二级事项 is the same item. */
export function itemKeyOf(item: Pick<ParsedItem, 'domain' | 'category' | 'name'>): string {
  return [item.domain ?? '', item.category ?? '', item.name].join('|');
}

function toItemRow(item: ParsedItem, districtCode: string): Omit<repo.NewItem, 'catalogId'> {
  return {
    districtCode,
    seq: item.seq,
    itemKey: itemKeyOf(item),
    domain: item.domain,
    category: item.category,
    name: item.name,
    content: item.content,
    websiteColumn: item.websiteColumn,
    legalBasis: item.legalBasis,
    responsibleBodies: item.responsibleBodies,
    timeLimitText: item.timeLimitText,
    rules: item.rules,
    channels: item.channels,
    audienceSociety: item.audience.society,
    audienceSpecific: item.audience.specificGroups,
    methodProactive: item.method.proactive,
    methodOnRequest: item.method.onRequest,
    level: item.level,
    source: item.source,
  };
}

export interface ImportOutcome {
  catalog: repo.CatalogRow;
  parsed: ParsedCatalog;
}

/**
 * Reads a file and stores it as a new draft version for the organisation (or active at once
 * when asked, as the command line does). Nothing is stored when the file cannot be read.
 */
export async function importCatalog(
  deps: Deps,
  actor: Actor,
  input: { fileName: string; bytes: Uint8Array; orgCode: string; activate?: boolean; title?: string; mapping?: ColumnMapping | null },
): Promise<ImportOutcome> {
  const org = await findOrganisation(deps, input.orgCode);
  if (!org) throw new NotFoundError(`组织 ${input.orgCode} 不存在`);
  if (actor.user) assertAdminOf(actor.user, org.path);
  const { parsed, mapping } = await parseWithMapping(deps, org.id, input);
  const now = deps.clock.now();
  const catalog = await deps.db.transaction(async (tx) => {
    await repo.lockCatalogsOf(tx, org.id); // two imports at once would take the same version number
    const row = await repo.insertCatalog(
      tx,
      {
        ownerOrgId: org.id,
        districtCode: org.districtCode,
        title: (input.title ?? parsed.title ?? `${org.name}公开事项目录清单`).slice(0, 200),
        sourceFileName: input.fileName.slice(0, 200),
        sourceSha256: createHash('sha256').update(input.bytes).digest('hex'),
        layout: parsed.layout,
        version: await repo.nextVersion(tx, org.id),
        status: 'draft',
        warnings: parsed.warnings,
        columns: parsed.columns ?? null,
        columnMapping: mapping,
        createdBy: actor.name,
        createdAt: now,
      },
      parsed.items.map((item) => toItemRow(item, org.districtCode)),
    );
    await appendAudit(
      tx,
      actor,
      { action: 'catalog.import', subjectType: 'catalog', subjectId: row.id, districtCode: org.districtCode, data: { org: org.code, file: row.sourceFileName, sha256: row.sourceSha256, items: parsed.items.length, warnings: parsed.warnings.length, version: row.version } },
      now,
    );
    return row;
  });
  if (!input.activate) return { catalog, parsed };
  try {
    return { catalog: await activateCatalog(deps, actor, catalog.id), parsed };
  } catch (error) {
    // A version that could not be activated must not stay behind as an orphan draft beside the active one.
    await discardDraft(deps, actor, catalog.id).catch(() => undefined);
    throw error;
  }
}

/**
 * The mapping given now, else the one saved with an earlier version of this catalog (used only
 * while it still reads the file), else none: the header is read by meaning.
 */
async function parseWithMapping(
  deps: Deps,
  orgId: number,
  input: { fileName: string; bytes: Uint8Array; mapping?: ColumnMapping | null },
): Promise<{ parsed: ParsedCatalog; mapping: ColumnMapping | null }> {
  const file = { fileName: input.fileName, bytes: input.bytes };
  if (input.mapping) return { parsed: await parseCatalogFile({ ...file, mapping: input.mapping }), mapping: input.mapping };
  const saved = await repo.latestMappingOf(deps.db.orm, orgId);
  if (saved) {
    const parsed = await parseCatalogFile({ ...file, mapping: saved }).catch(() => null);
    // Only while the file still has as many columns as the mapping (trailing blank cells aside).
    if (parsed && (parsed.tableWidth ?? 0) <= saved.columns.length && (parsed.tableWidth ?? 0) >= saved.columns.length - 1) {
      parsed.warnings.unshift({ line: null, item: null, message: '已沿用上一版目录清单保存的列对应关系，请核对' });
      return { parsed, mapping: saved };
    }
  }
  return { parsed: await parseCatalogFile(file), mapping: null };
}
