import type { Deps } from '../platform/context.ts';
import type { AuditActor } from '../platform/audit/index.ts';
import { addOrganisation, createUser, noOrganisations, randomPassword, type OrgKind, type Role } from '../domains/org/index.ts';
import type { Database } from '../platform/db.ts';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { importCatalog } from '../domains/catalog/index.ts';
import { loadComplianceDemo, loadSupervisionDemo } from '../domains/compliance/index.ts';
import { loadDemoRecords, publishDemoHistory } from '../domains/record/index.ts';
import { loadChannelDemo } from '../domains/channel/index.ts';
import { loadRequestDemo } from '../domains/request/index.ts';
import { refreshStatistics } from '../platform/statistics.ts';

// The two organisations the seed catalogs come from. District codes are the real 行政区划代码
// (220202 吉林市昌邑区, 530102 昆明市五华区); street and community codes below them are
// illustrative, in the 统计用区划代码 shape, until a district enters its own.
const ORGS: { code: string; name: string; kind: OrgKind; parentCode?: string }[] = [
  { code: '220202', name: '吉林市昌邑区', kind: 'district' },
  { code: '220202004', name: '延安街道', kind: 'street', parentCode: '220202' },
  { code: '220202004001', name: '延安社区', kind: 'community', parentCode: '220202004' },
  // More communities (illustrative names) so the street matrix and district roll-up have rows.
  { code: '220202004002', name: '新华社区', kind: 'community', parentCode: '220202004' },
  { code: '220202004003', name: '东光社区', kind: 'community', parentCode: '220202004' },
  { code: '220202005', name: '文化街道', kind: 'street', parentCode: '220202' },
  { code: '220202005001', name: '文化社区', kind: 'community', parentCode: '220202005' },
  { code: '220202005002', name: '莲花社区', kind: 'community', parentCode: '220202005' },
  { code: '530102', name: '昆明市五华区', kind: 'district' },
  { code: '530102012', name: '厂口街道', kind: 'street', parentCode: '530102' },
  { code: '530102012001', name: '厂口社区', kind: 'community', parentCode: '530102012' },
];

const ACCOUNTS: { username: string; displayName: string; role: Role; orgCode: string }[] = [
  { username: 'changyi-admin', displayName: '昌邑区管理员', role: 'district_admin', orgCode: '220202' },
  { username: 'yanan-street', displayName: '延安街道管理员', role: 'street_admin', orgCode: '220202004' },
  { username: 'yanan-editor', displayName: '延安社区工作人员', role: 'editor', orgCode: '220202004001' },
  { username: 'yanan-supervisor', displayName: '延安社区监督委员', role: 'supervisor', orgCode: '220202004001' },
  // Every demo community has its staff, so its whole history is published through review.
  { username: 'xinhua-editor', displayName: '新华社区工作人员', role: 'editor', orgCode: '220202004002' },
  { username: 'xinhua-supervisor', displayName: '新华社区监督委员', role: 'supervisor', orgCode: '220202004002' },
  { username: 'dongguang-editor', displayName: '东光社区工作人员', role: 'editor', orgCode: '220202004003' },
  { username: 'dongguang-supervisor', displayName: '东光社区监督委员', role: 'supervisor', orgCode: '220202004003' },
  { username: 'wenhua-editor', displayName: '文化社区工作人员', role: 'editor', orgCode: '220202005001' },
  { username: 'wenhua-supervisor', displayName: '文化社区监督委员', role: 'supervisor', orgCode: '220202005001' },
  { username: 'lianhua-editor', displayName: '莲花社区工作人员', role: 'editor', orgCode: '220202005002' },
  { username: 'lianhua-supervisor', displayName: '莲花社区监督委员', role: 'supervisor', orgCode: '220202005002' },
  { username: 'wuhua-admin', displayName: '五华区管理员', role: 'district_admin', orgCode: '530102' },
  { username: 'changkou-street', displayName: '厂口街道管理员', role: 'street_admin', orgCode: '530102012' },
  { username: 'changkou-editor', displayName: '厂口社区工作人员', role: 'editor', orgCode: '530102012001' },
  { username: 'changkou-supervisor', displayName: '厂口社区监督委员', role: 'supervisor', orgCode: '530102012001' },
];

// The two real seed catalogs: 昌邑区's district template (adopted by its communities) and
// 厂口社区's own list.
const CATALOGS = [
  { file: 'changyi-220202.txt', orgCode: '220202' },
  { file: 'changkou-wuhua.txt', orgCode: '530102012001' },
];
const CATALOG_DIR = fileURLToPath(new URL('../../data/catalogs/', import.meta.url));

export interface DemoAccount {
  username: string;
  displayName: string;
  password: string;
}

export async function isEmpty(db: Database): Promise<boolean> {
  return noOrganisations({ db });
}

/** Fills an empty database; every demo password is random and exists only in the returned list. */
export async function loadDemoData(deps: Deps, actor: AuditActor): Promise<DemoAccount[]> {
  if (!(await isEmpty(deps.db))) throw new Error('数据库中已有组织数据，演示数据只能载入空数据库。');
  const system = { ...actor, user: null };
  for (const org of ORGS) await addOrganisation(deps, system, org);
  for (const c of CATALOGS) {
    const bytes = await readFile(CATALOG_DIR + c.file);
    await importCatalog(deps, system, { fileName: c.file, bytes, orgCode: c.orgCode, activate: true });
  }
  const accounts: DemoAccount[] = [];
  for (const a of ACCOUNTS) {
    const password = randomPassword();
    await createUser(deps, system, { ...a, password });
    accounts.push({ username: a.username, displayName: a.displayName, password });
  }
  const history = await loadComplianceDemo(deps, actor); // a year of obligations up to the clock's today
  await publishDemoHistory(deps, history); // a real record, reviewed, for every publication of that year
  await loadDemoRecords(deps); // the showcase records (tables, a correction, 公示 lists)
  await loadSupervisionDemo(deps); // a waiver and 督办 orders on what is still overdue
  await loadChannelDemo(deps, actor); // screen playlists and a proof of posting
  await loadRequestDemo(deps); // requests and 疑义 in several states
  await refreshStatistics(deps.db, { always: true }); // the first page is planned on real row counts (embedded database)
  return accounts;
}

export function formatAccounts(accounts: DemoAccount[]): string {
  const lines = accounts.map((a) => `  ${a.username.padEnd(22)} ${a.password}   ${a.displayName}`);
  return ['已载入演示数据。演示账户（密码随机生成，只显示这一次，请妥善记录）：', ...lines].join('\n');
}
