import { LRUCache } from 'lru-cache';
import type { Deps } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import * as repo from './repository.ts';
import type { OrgKind } from './schema.ts';

export interface OrgNode {
  id: number;
  code: string;
  name: string;
  kind: OrgKind;
  path: string;
  children: OrgNode[];
}

/** Builds nested nodes from rows in path order (parents always precede their children). */
export function buildTree(rows: repo.OrgRow[]): OrgNode[] {
  const byId = new Map<number, OrgNode>();
  const roots: OrgNode[] = [];
  for (const r of rows) {
    const node: OrgNode = { id: r.id, code: r.code, name: r.name, kind: r.kind, path: r.path, children: [] };
    byId.set(r.id, node);
    const parent = r.parentId == null ? undefined : byId.get(r.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

// A province's front page lists from a tree of 10,000 organisations, whose rows cost ~140 ms to
// read through the ORM on every render; the tree is kept per database under its stamp.
const trees = new WeakMap<Database, LRUCache<string, { stamp: string; tree: OrgNode[] }>>();

/**
 * The whole tree, or the subtree under `path` (its root first): one small statement when the
 * subtree has not changed. Callers share the nodes returned: read them, never change them.
 */
export async function listOrgTree(deps: Deps, path = '/'): Promise<OrgNode[]> {
  let cache = trees.get(deps.db);
  if (!cache) trees.set(deps.db, (cache = new LRUCache({ max: 256 })));
  const stamp = await repo.orgStamp(deps.db.orm, path);
  const kept = cache.get(path);
  if (kept?.stamp === stamp) return kept.tree;
  const tree = buildTree(await repo.listOrgsUnder(deps.db.orm, path));
  cache.set(path, { stamp, tree });
  return tree;
}

/** The communities under `path` by id, code and name (the admins' to-do figure needs no more). */
export async function communityKeysUnder(deps: Deps, path: string): Promise<repo.CommunityKey[]> {
  return repo.listCommunityKeysUnder(deps.db.orm, path);
}

export async function findOrganisation(deps: Deps, code: string): Promise<repo.OrgRow | null> {
  return repo.findOrgByCode(deps.db.orm, code);
}

export async function listOrgsFlat(deps: Deps, path = '/'): Promise<repo.OrgRow[]> {
  return repo.listOrgsUnder(deps.db.orm, path);
}

/** The organisation and its ancestors, root first (from the codes in its path). */
export async function lineageOf(deps: Deps, org: Pick<repo.OrgRow, 'path'>): Promise<repo.OrgRow[]> {
  return repo.listOrgsByCodes(deps.db.orm, org.path.split('/').filter(Boolean));
}

/** The organisation with `code` and its lineage (itself last), read together; null when there is none. */
export async function findOrganisationWithLineage(deps: Deps, code: string): Promise<{ org: repo.OrgRow; lineage: repo.OrgRow[] } | null> {
  const lineage = await repo.listLineageOfCode(deps.db.orm, code);
  const org = lineage.at(-1);
  return org?.code === code ? { org, lineage } : null;
}

/** Several organisations by id in one statement (in no particular order). */
export async function findOrganisationsByIds(deps: Deps, ids: number[]): Promise<repo.OrgRow[]> {
  return repo.listOrgsByIds(deps.db.orm, [...new Set(ids)]);
}

export async function findOrganisationById(deps: Deps, id: number): Promise<repo.OrgRow | null> {
  return repo.findOrgById(deps.db.orm, id);
}
