import { readFileSync } from 'node:fs';
import type { Deps } from '../../src/platform/context.ts';
import { addOrganisation } from '../../src/domains/org/addOrganisation.ts';
import { findOrganisation } from '../../src/domains/org/orgTree.ts';
import type { OrgRow } from '../../src/domains/org/index.ts';
import { importCatalog } from '../../src/domains/catalog/importCatalog.ts';
import { addUser, sessionUser } from './fixtures.ts';

const system = { id: null, name: 'test', ip: null, user: null };

/**
 * Both seed catalogs in use: 昌邑区's district template adopted by two communities of 延安街道
 * (and one of 文化街道), and 厂口社区's own list. Staff: an editor per community, street and
 * district admins.
 */
export async function seedSeedCatalogs(deps: Deps): Promise<void> {
  const orgs: Parameters<typeof addOrganisation>[2][] = [
    { code: '220202', name: '吉林市昌邑区', kind: 'district' },
    { code: '220202004', name: '延安街道', kind: 'street', parentCode: '220202' },
    { code: '220202004001', name: '延安社区', kind: 'community', parentCode: '220202004' },
    { code: '220202004002', name: '新华社区', kind: 'community', parentCode: '220202004' },
    { code: '220202005', name: '文化街道', kind: 'street', parentCode: '220202' },
    { code: '220202005001', name: '文化社区', kind: 'community', parentCode: '220202005' },
    { code: '530102', name: '昆明市五华区', kind: 'district' },
    { code: '530102012', name: '厂口街道', kind: 'street', parentCode: '530102' },
    { code: '530102012001', name: '厂口社区', kind: 'community', parentCode: '530102012' },
  ];
  for (const org of orgs) await addOrganisation(deps, system, org);
  for (const [file, orgCode] of [['changyi-220202.txt', '220202'], ['changkou-wuhua.txt', '530102012001']] as const) {
    await importCatalog(deps, system, { fileName: file, bytes: readFileSync(`data/catalogs/${file}`), orgCode, activate: true });
  }
  await addUser(deps, 'yanan-editor', 'editor', '220202004001');
  await addUser(deps, 'xinhua-editor', 'editor', '220202004002');
  await addUser(deps, 'wenhua-editor', 'editor', '220202005001');
  await addUser(deps, 'changkou-editor', 'editor', '530102012001');
  await addUser(deps, 'yanan-street', 'street_admin', '220202004');
  await addUser(deps, 'wenhua-street', 'street_admin', '220202005');
  await addUser(deps, 'changyi-admin', 'district_admin', '220202');
}

export async function org(deps: Deps, code: string): Promise<OrgRow> {
  const row = await findOrganisation(deps, code);
  if (!row) throw new Error(`no org ${code}`);
  return row;
}


export { sessionUser };

/** An actor for a use case: the session user plus audit identity. */
export async function actor(deps: Deps, username: string) {
  const user = await sessionUser(deps, username);
  return { id: String(user.id), name: username, ip: '127.0.0.1', user };
}
