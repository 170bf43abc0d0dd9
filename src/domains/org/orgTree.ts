import type { Deps } from '../../platform/context.ts';
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

/** The whole tree, or the subtree under `path`. */
export async function listOrgTree(deps: Deps, path = '/'): Promise<OrgNode[]> {
  return buildTree(await repo.listOrgsUnder(deps.db.orm, path));
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

/** Several organisations by id in one statement (in no particular order). */
export async function findOrganisationsByIds(deps: Deps, ids: number[]): Promise<repo.OrgRow[]> {
  return repo.listOrgsByIds(deps.db.orm, [...new Set(ids)]);
}

export async function findOrganisationById(deps: Deps, id: number): Promise<repo.OrgRow | null> {
  return repo.findOrgById(deps.db.orm, id);
}
