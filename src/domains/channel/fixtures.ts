/** PublicRecordView fixtures for the channel tests: what the record domain hands over, already masked. */
import type { PublicRecordView, PublicTable } from '../record/index.ts';

export const COMMUNITY = { code: '220202001001', name: '甲一社区', districtCode: '220202' };

const SUBSIDY_TABLE: PublicTable = {
  caption: '2026年10月城乡居民最低生活保障新增对象名单',
  columns: [
    { name: '序号', type: 'integer' },
    { name: '姓名', type: 'person_name' },
    { name: '身份证号', type: 'id_number' },
    { name: '联系电话', type: 'phone' },
    { name: '保障人数', type: 'integer' },
    { name: '月保障金额', type: 'amount' },
  ],
  rows: [],
};

/** n rows of a masked list of people, as present.ts formats them. */
export function subsidyTable(n: number): PublicTable {
  const rows = Array.from({ length: n }, (_, i) => [
    String(i + 1),
    ['张*华', '李*', '王*明', '赵*芳', '刘*'][i % 5]!,
    `220202********${String(1000 + i).slice(-4)}`,
    `138****${String(5600 + i).slice(-4)}`,
    String((i % 4) + 1),
    `${(480 * ((i % 4) + 1)).toLocaleString('en-US')}.00 元`,
  ]);
  return { ...SUBSIDY_TABLE, rows };
}

export const ACCOUNTS_TABLE: PublicTable = {
  caption: '2026年第三季度社区经费收支明细',
  columns: [
    { name: '日期', type: 'date' },
    { name: '摘要', type: 'text' },
    { name: '收入', type: 'amount' },
    { name: '支出', type: 'amount' },
  ],
  rows: [
    ['2026年7月5日', '上级拨付社区工作经费', '50,000.00 元', ''],
    ['2026年8月12日', '办公用品采购（打印纸、硒鼓）', '', '1,860.00 元'],
    ['2026年9月20日', '中秋节走访慰问困难老人', '', '3,200.00 元'],
  ],
};

export function viewFixture(over: Partial<PublicRecordView> = {}): PublicRecordView {
  return {
    id: 'k7d2m9q4',
    districtCode: COMMUNITY.districtCode,
    communityCode: COMMUNITY.code,
    communityName: COMMUNITY.name,
    itemId: 11,
    itemKey: '事务类公开|社会救助|最低生活保障',
    itemName: '最低生活保障',
    title: '关于2026年10月城乡居民最低生活保障新增对象的公示',
    bodyHtml:
      '<p>根据《社会救助暂行办法》和《吉林省最低生活保障工作实施办法》，经本人申请、入户调查、民主评议，拟将以下居民纳入最低生活保障范围，现予公示。</p><p>公示期内如有异议，请向社区居务监督委员会反映，联系电话：0432-6234****。</p>',
    bodyText:
      '根据《社会救助暂行办法》和《吉林省最低生活保障工作实施办法》，经本人申请、入户调查、民主评议，拟将以下居民纳入最低生活保障范围，现予公示。\n公示期内如有异议，请向社区居务监督委员会反映，联系电话：0432-6234****。',
    tables: [subsidyTable(6)],
    attachments: [{ name: '民主评议会议记录.pdf', url: '/r/k7d2m9q4/files/1', mimeType: 'application/pdf', size: 182_331 }],
    publishedAt: new Date('2026-10-30T09:30:00+08:00'),
    version: 1,
    updatedAt: new Date('2026-10-30T09:30:00+08:00'),
    publicityEndsOn: '2026-11-06',
    listWithdrawnNote: null,
    audience: 'public',
    requiredChannels: ['政府网站', '微信群', '公开栏（电子屏）', '精准推送'],
    url: '/r/k7d2m9q4',
    informationFormedOn: '2026-10-28',
    periodFrom: null,
    periodTo: null,
    correctionNote: null,
    corrections: [],
    withdrawal: null,
    ...over,
  };
}

export function accountsFixture(over: Partial<PublicRecordView> = {}): PublicRecordView {
  return viewFixture({
    id: 'a3f8c1x5',
    itemId: 12,
    itemKey: '财务类公开|财务收支|季度收支',
    itemName: '社区财务收支情况',
    title: '甲一社区2026年第三季度财务收支公开',
    bodyHtml: '<p>现将本社区2026年第三季度财务收支情况公开如下，接受居民监督。</p>',
    bodyText: '现将本社区2026年第三季度财务收支情况公开如下，接受居民监督。',
    tables: [ACCOUNTS_TABLE],
    attachments: [],
    publishedAt: new Date('2026-10-15T10:00:00+08:00'),
    updatedAt: new Date('2026-10-15T10:00:00+08:00'),
    publicityEndsOn: null,
    requiredChannels: ['公开栏（电子屏）', '政务新媒体'],
    url: '/r/a3f8c1x5',
    periodFrom: '2026-07-01',
    periodTo: '2026-09-30',
    ...over,
  });
}

/** A view with an unmasked, valid ID number in it: what a bug upstream would hand over. */
export const UNMASKED_ID = '11010519491231002X';
