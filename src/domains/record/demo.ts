import type { Deps } from '../../platform/context.ts';
import type { Clock } from '../../platform/clock.ts';
import { findOrganisation, sessionUserByName, setPublicPhones } from '../org/index.ts';
import { actorFor, type StaffActor } from './access.ts';
import { startCorrection } from './correctRecord.ts';
import { createRecord } from './createRecord.ts';
import { demoPublicity } from './demoHistory.ts';
import { listItemContexts } from './itemContext.ts';
import { approveRecord } from './reviewRecord.ts';
import { saveDraft } from './saveDraft.ts';
import { submitRecord } from './submitRecord.ts';
import { beijingDate } from '../../platform/time.ts';

/*
 * Demo records for the two demo communities, published through the real workflow (editor drafts,
 * supervisor approves) on dates before "now": a quarterly financial statement (corrected once,
 * so it has a 更正 history), a 低保 list whose ID numbers are masked on import, the 居务监督委员会
 * members and, for 厂口, a 低保初审 list still in its 公示期 and an older one whose period ended.
 * Every ID number below is made up (valid checksums, so the masking shows).
 */

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

function fakeId(region: string, birth: string, seq: number): string {
  const body = `${region}${birth}${String(seq).padStart(3, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * W[i]!, 0);
  return body + CHECK[sum % 11];
}

const NAMES = ['张秀兰', '李桂芳', '王建国', '刘淑珍', '陈志强', '杨玉梅', '赵德胜', '黄丽华'];

function dibaoRows(region: string, count: number, offset: number): string {
  const rows = Array.from({ length: count }, (_, i) => {
    const n = i + offset;
    const birth = `19${40 + ((n * 7) % 45)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + ((n * 5) % 28)).padStart(2, '0')}`;
    return [String(i + 1), NAMES[n % NAMES.length]!, fakeId(region, birth, 10 + n * 2), String(1 + (n % 4)), (612 * (1 + (n % 4))).toFixed(2)].join('\t');
  });
  return ['序号\t姓名\t身份证号\t保障人数\t月保障金（元）', ...rows].join('\n');
}

function quarterOf(today: string): { label: string; from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3); // the quarter before this one
  const y = q === 0 ? year - 1 : year;
  const n = q === 0 ? 4 : q;
  const startMonth = (n - 1) * 3 + 1;
  const endDay = new Date(Date.UTC(y, startMonth + 2, 0)).getUTCDate();
  return { label: `${y}年第${'一二三四'[n - 1]}季度`, from: `${y}-${String(startMonth).padStart(2, '0')}-01`, to: `${y}-${String(startMonth + 2).padStart(2, '0')}-${endDay}` };
}

function accountsTable(q: { from: string }, wrongAmount: boolean): string {
  const m = (k: number) => q.from.slice(0, 5) + String(Number(q.from.slice(5, 7)) + k).padStart(2, '0');
  return [
    '日期\t摘要\t收入（元）\t支出（元）',
    `${m(0)}-05\t上级拨付社区工作经费\t50000.00\t`,
    `${m(1)}-12\t办公用品采购（打印纸、硒鼓）\t\t${wrongAmount ? '1680.00' : '1860.00'}`,
    `${m(1)}-26\t社区环境整治劳务费\t\t6400.00`,
    `${m(2)}-20\t走访慰问困难老人\t\t3200.00`,
    `${m(2)}-28\t党群服务中心水电费\t\t2135.60`,
  ].join('\n');
}

interface Community {
  code: string;
  editor: string;
  supervisor: string;
  region: string;
  phone: string;
}

const COMMUNITIES: Community[] = [
  { code: '220202004001', editor: 'yanan-editor', supervisor: 'yanan-supervisor', region: '220202', phone: '0432-62451234' },
  { code: '530102012001', editor: 'changkou-editor', supervisor: 'changkou-supervisor', region: '530102', phone: '0871-65312468' },
];

async function staffActor(deps: Deps, username: string): Promise<StaffActor | null> {
  const user = await sessionUserByName(deps, username);
  return user ? actorFor(user, null) : null;
}

/** The demo as of `daysAgo` days before now, at 10:00 Beijing time. */
function asOf(deps: Deps, daysAgo: number): Deps {
  const day = beijingDate(new Date(deps.clock.now().getTime() - daysAgo * 86_400_000));
  const at = new Date(`${day}T10:00:00+08:00`);
  const clock: Clock = { now: () => new Date(at) };
  return { ...deps, clock };
}

interface DemoRecord {
  item: RegExp;
  daysAgo: number;
  form: Record<string, string>;
  correction?: { daysAgo: number; note: string; form: Record<string, string> };
}

async function publish(deps: Deps, itemId: number, r: DemoRecord, editor: StaffActor, supervisor: StaffActor): Promise<void> {
  const at = asOf(deps, r.daysAgo);
  const record = await createRecord(at, editor, { itemId, title: r.form.title });
  const publicity = await demoPublicity(deps, record.id);
  await saveDraft(at, editor, record.id, { ...publicity, ...r.form });
  await submitRecord(at, editor, record.id);
  await approveRecord(at, supervisor, record.id, { comment: '经核对无误，同意公开。' });
  if (!r.correction) return;
  const later = asOf(deps, r.correction.daysAgo);
  await startCorrection(later, editor, record.id, { correctionNote: r.correction.note });
  await saveDraft(later, editor, record.id, { ...publicity, correctionNote: r.correction.note, ...r.correction.form });
  await submitRecord(later, editor, record.id);
  await approveRecord(later, supervisor, record.id, { comment: '更正内容属实。' });
}

function recordsFor(c: Community, today: string, orgName: string): DemoRecord[] {
  const q = quarterOf(today);
  const accounts = { title: `${orgName}${q.label}财务收支情况`, periodFrom: q.from, periodTo: q.to, informationFormedOn: q.to, bodyMd: `现将本社区${q.label}财务收支情况公开如下，接受居民监督。\n\n如有疑问，请于公开之日起 10 个工作日内向社区居务监督委员会反映（电话 ${c.phone}）。`, tnew_caption: `${q.label}收支明细` };
  const list: DemoRecord[] = [
    {
      item: /财务收支/,
      daysAgo: 20,
      form: { ...accounts, tnew_text: accountsTable(q, true) },
      correction: { daysAgo: 16, note: '第二笔支出（办公用品采购）金额录入有误，由 1,680.00 元更正为 1,860.00 元。', form: { ...accounts, tnew_text: accountsTable(q, false) } },
    },
    {
      item: /监督机构/,
      daysAgo: 4,
      form: {
        title: `${orgName}居务监督委员会组成人员及监督电话`,
        bodyMd: `经居民会议选举产生，${orgName}居务监督委员会由以下 3 名成员组成，负责监督居务公开和财务管理。\n\n**监督电话：${c.phone}**（工作日 8:30—17:30）`,
        tnew_caption: '居务监督委员会成员',
        tnew_text: ['姓名\t职务\t联系方式', `周国庆\t主任\t${c.phone}`, `吴秀英\t委员\t${c.phone}`, `郑立新\t委员\t${c.phone}`].join('\n'),
      },
    },
  ];
  const dibao = { item: /最低生活保障/, bodyMd: '经本人申请、入户调查、民主评议，以下家庭符合城乡最低生活保障条件。公示期内如有异议，请向社区居务监督委员会反映。', tnew_caption: '低保对象名单' };
  if (c.code === '530102012001') {
    list.push({ item: dibao.item, daysAgo: 60, form: { title: '低保初审对象名单公示（第三批）', bodyMd: dibao.bodyMd, tnew_caption: dibao.tnew_caption, tnew_text: dibaoRows(c.region, 4, 0) } });
    list.push({ item: dibao.item, daysAgo: 2, form: { title: '低保初审对象名单公示（第四批）', bodyMd: dibao.bodyMd, tnew_caption: dibao.tnew_caption, tnew_text: dibaoRows(c.region, 5, 4) } });
  } else {
    list.push({ item: dibao.item, daysAgo: 5, form: { title: `${today.slice(0, 4)}年城乡低保对象名单`, bodyMd: dibao.bodyMd, tnew_caption: dibao.tnew_caption, tnew_text: dibaoRows(c.region, 6, 2) } });
  }
  return list;
}

/** Publishes the demo records; communities or accounts that are missing are skipped. */
export async function loadDemoRecords(deps: Deps): Promise<number> {
  let count = 0;
  for (const c of COMMUNITIES) {
    const org = await findOrganisation(deps, c.code);
    const editor = await staffActor(deps, c.editor);
    const supervisor = await staffActor(deps, c.supervisor);
    if (!org || !editor || !supervisor) continue;
    // The 监督电话 is the community's own public number: listed, so it is shown, not masked.
    await setPublicPhones(deps, { id: null, name: 'demo', ip: null, user: null }, org.code, { phones: c.phone });
    const items = await listItemContexts(deps, org);
    for (const r of recordsFor(c, beijingDate(deps.clock.now()), org.name)) {
      const item = items.find((i) => r.item.test(i.item.name));
      if (!item) continue;
      await publish(deps, item.item.id, r, editor, supervisor);
      count += 1;
    }
  }
  return count;
}
