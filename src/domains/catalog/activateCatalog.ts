import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { findOrganisationById, assertAdminOf, bumpPublicVersion } from '../org/index.ts';
import type { Actor } from '../../platform/principal.ts';
import * as repo from './repository.ts';

/** Loads a catalog with its owner, checking the actor administers the owner. */
export async function loadManagedCatalog(deps: Deps, actor: Actor, catalogId: number) {
  const catalog = await repo.findCatalog(deps.db.orm, catalogId);
  if (!catalog) throw new NotFoundError('没有找到这份目录清单。');
  const owner = await findOwner(deps, catalog);
  if (actor.user) assertAdminOf(actor.user, owner.path);
  return { catalog, owner };
}

async function findOwner(deps: Deps, catalog: repo.CatalogRow) {
  const owner = await findOrganisationById(deps, catalog.ownerOrgId);
  if (!owner) throw new NotFoundError('目录清单所属组织不存在。');
  return owner;
}

/**
 * Inside the transaction: the organisation's catalogs locked, and this one still a draft. Two
 * admins activating two drafts at once both passed the check made before, and both drafts
 * ended up active; a draft activated meanwhile could be discarded or edited.
 */
export async function lockDraft(tx: Executor, catalog: repo.CatalogRow, refusal: string): Promise<void> {
  const mine = (await repo.lockCatalogsOf(tx, catalog.ownerOrgId)).find((c) => c.id === catalog.id);
  if (mine?.status !== 'draft') throw new ConflictError(refusal);
}

/** A confirmed draft becomes the organisation's active catalog; the previous version retires. */
export async function activateCatalog(deps: Deps, actor: Actor, catalogId: number): Promise<repo.CatalogRow> {
  const { catalog, owner } = await loadManagedCatalog(deps, actor, catalogId);
  const refusal = '只有草稿状态的目录清单可以确认启用。';
  if (catalog.status !== 'draft') throw new ConflictError(refusal);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await lockDraft(tx, catalog, refusal);
    const retired = await repo.retireActive(tx, catalog.ownerOrgId);
    await repo.setCatalogStatus(tx, catalog.id, 'active', now);
    await bumpPublicVersion(tx, owner, 'context'); // every community below shows this catalog
    await appendAudit(
      tx,
      actor,
      { action: 'catalog.activate', subjectType: 'catalog', subjectId: catalog.id, districtCode: catalog.districtCode, data: { org: owner.code, version: catalog.version, retired: retired.map((r) => r.id) } },
      now,
    );
  });
  return { ...catalog, status: 'active', activatedAt: now };
}

/** A draft that should not be kept is deleted whole (items included); an active one never is. */
export async function discardDraft(deps: Deps, actor: Actor, catalogId: number): Promise<void> {
  const { catalog } = await loadManagedCatalog(deps, actor, catalogId);
  const refusal = '只有草稿可以删除；已启用的目录清单请导入新版本替换。';
  if (catalog.status !== 'draft') throw new ConflictError(refusal);
  await deps.db.transaction(async (tx) => {
    await lockDraft(tx, catalog, refusal);
    await repo.deleteCatalog(tx, catalog.id);
    await appendAudit(tx, actor, { action: 'catalog.discard', subjectType: 'catalog', subjectId: catalog.id, districtCode: catalog.districtCode, data: { version: catalog.version } }, deps.clock.now());
  });
}
