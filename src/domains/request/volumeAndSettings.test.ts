import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds, createTestDeps, type TestDeps } from '../../../test/support/db.ts';
import { addUser, seedTwoStreets, sessionUser } from '../../../test/support/fixtures.ts';
import type { StaffActor } from '../../platform/principal.ts';
import { submitAs } from './fixtures.ts';
import { caseForStaff, handleCase, querySettingFor, QUERY_PRESETS, setQuerySetting } from './index.ts';

const STREET = '220202001';
const COMMUNITY = '220202001001';

describe.each(databaseKinds)('Art. 35, charges and the 查询/疑义 clock settings on $name', (kind) => {
  let deps: TestDeps;
  afterEach(async () => deps?.dispose());

  async function setup() {
    deps = await createTestDeps(kind, { at: '2026-03-02T09:00:00+08:00' });
    await seedTwoStreets(deps);
    await addUser(deps, 'street-a', 'street_admin', STREET);
    await addUser(deps, 'editor-a', 'editor', COMMUNITY);
    await addUser(deps, 'district', 'district_admin', '220202');
  }
  const actor = async (username: string): Promise<StaffActor> => ({ id: username, name: username, ip: null, user: await sessionUser(deps, username) });

  it('records an Art. 35 deferral and a per-item charge for the applicant’s 11th request of the month', { timeout: 150_000 }, async () => {
    await setup();
    const street = await actor('street-a');
    const ids: number[] = [];
    for (let i = 0; i < 11; i++) ids.push((await submitAs(deps, STREET, 'disclosure')).id);
    const last = ids.at(-1)!;
    await expect(handleCase(deps, street, last, 'volume', { measure: 'defer', note: '本月已提出 11 件申请', deferTo: '2026-03-20' })).rejects.toThrow('应晚于原答复期限');
    await expect(handleCase(deps, street, last, 'volume', { measure: 'defer', note: '本月已提出 11 件申请' })).rejects.toThrow('请填写延迟答复的合理期限');
    let row = await handleCase(deps, street, last, 'volume', { measure: 'defer', note: '本月已提出 11 件申请', deferTo: '2026-04-30' });
    expect(row.volume).toEqual({ measure: 'defer', on: '2026-03-02', note: '本月已提出 11 件申请', deferTo: '2026-04-30' });
    await expect(handleCase(deps, street, last, 'volume', { measure: 'ask_reasons', note: '再次要求说明' })).rejects.toThrow('不能再次延迟');
    await expect(handleCase(deps, street, last, 'reply', { replyKind: 'disclose', replyText: '现予以公开。', chargeMode: 'per_volume', pages: '-3' })).rejects.toThrow('页数不能为负数');
    row = await handleCase(deps, street, last, 'reply', { replyKind: 'disclose', replyText: '现予以公开。', chargeMode: 'per_item', pages: '12' });
    expect(row.charge).toMatchObject({ mode: 'per_item', pages: 12, monthCount: 11, fee: 100 });
    const first = await handleCase(deps, street, ids[0]!, 'reply', { replyKind: 'disclose', replyText: '现予以公开。', chargeMode: 'per_item' });
    expect(first.charge).toMatchObject({ monthCount: 1, fee: 0 });
    const steps = (await caseForStaff(deps, street.user, last)).steps.map((s) => s.note);
    expect(steps).toContain('申请理由合理但无法在规定期限内答复，确定延迟至2026年4月30日前答复并已告知申请人（第三十五条）');
    expect(steps.at(-1)).toBe('答复：予以公开，收取信息处理费100元（按件计收）');
  });

  it('lets only the district admin set the clock, from a preset or validated fields', { timeout: 150_000 }, async () => {
    await setup();
    await expect(setQuerySetting(deps, await actor('street-a'), { preset: 'shandong' })).rejects.toThrow('只有区县管理员');
    await expect(querySettingFor(deps, (await actor('editor-a')).user)).rejects.toThrow('只有区县管理员');
    const admin = await actor('district');
    await expect(setQuerySetting(deps, admin, { preset: 'guangdong' })).rejects.toThrow('没有这个预设');
    await expect(setQuerySetting(deps, admin, { days: '0', unit: 'calendar', basis: '本区规定' })).rejects.toThrow('至少 1 天');
    await expect(setQuerySetting(deps, admin, { days: '5', unit: 'hours', basis: '本区规定' })).rejects.toThrow('自然日还是工作日');
    await setQuerySetting(deps, admin, { preset: 'chongqing' });
    expect(await querySettingFor(deps, admin.user)).toEqual({ days: 3, unit: 'calendar', basis: QUERY_PRESETS.chongqing.basis, allowAnonymous: true });
    const { id } = await submitAs(deps, COMMUNITY, 'query');
    const row = (await caseForStaff(deps, admin.user, id)).row;
    expect([row.dueOn, row.dueExplanation]).toEqual(['2026-03-05', expect.stringContaining('3日内答复')]);
    await setQuerySetting(deps, admin, { days: '20', unit: 'working', basis: QUERY_PRESETS.zhejiang.basis, allowAnonymous: 'on' });
    expect((await querySettingFor(deps, admin.user)).unit).toBe('working');
  });
});
