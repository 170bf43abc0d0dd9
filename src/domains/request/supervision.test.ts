import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds, createTestDeps, type TestDeps } from '../../../test/support/db.ts';
import { addUser, seedTwoStreets, sessionUser } from '../../../test/support/fixtures.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import type { StaffActor } from '../../platform/principal.ts';
import { answerOrder, communityDashboard, complianceStatus, districtRollup, listOrdersFor, matrixJson, orderDetail, statusJson, streetMatrix } from '../compliance/index.ts';
import { orgNamed, submitAs } from './fixtures.ts';
import { caseForStaff, handleCase, runRequestDaily, trackCase } from './index.ts';

const DISTRICT = '220202';
const STREET = '220202001';
const COMMUNITY = '220202001001';
const OTHER_COMMUNITY = '220202002001';

describe.each(databaseKinds)('督办 of 查询/疑义 and 依申请/疑义 逾期 figures on $name', (kind) => {
  let deps: TestDeps;
  afterEach(async () => deps?.dispose());

  async function setup() {
    deps = await createTestDeps(kind, { at: '2026-03-02T09:00:00+08:00' });
    await seedTwoStreets(deps);
    await addUser(deps, 'street-a', 'street_admin', STREET);
    await addUser(deps, 'street-b', 'street_admin', '220202002');
    await addUser(deps, 'editor-a', 'editor', COMMUNITY);
    await addUser(deps, 'super-a', 'supervisor', COMMUNITY);
    await addUser(deps, 'editor-b', 'editor', OTHER_COMMUNITY);
    await addUser(deps, 'district', 'district_admin', DISTRICT);
  }
  const actor = async (username: string): Promise<StaffActor> => ({ id: username, name: username, ip: null, user: await sessionUser(deps, username) });
  const at = (day: string) => deps.clock.set(`${day}T10:00:00+08:00`);

  it('turns an unanswered 疑义 into one street 督办 order that the community answers', { timeout: 150_000 }, async () => {
    await setup();
    const objection = await submitAs(deps, COMMUNITY, 'objection', {}, { id: 'r-1', title: '2026年低保名单' });
    at('2026-03-17'); // due 3/17 (15 calendar days): not yet late
    expect((await runRequestDaily(deps)).escalated).toBe(0);
    at('2026-03-18');
    expect((await runRequestDaily(deps)).escalated).toBe(1);
    expect((await runRequestDaily(deps)).escalated).toBe(0);

    const street = await actor('street-a');
    const row = (await caseForStaff(deps, street.user, objection.id)).row;
    expect(row.state).toBe('escalated');
    expect(row.orderId).not.toBeNull();
    const { orders } = await listOrdersFor(deps, street.user, {});
    expect(orders.map((o) => [o.id, o.caseId, o.reasonKind, o.itemName, o.status])).toEqual([[row.orderId, objection.id, 'case_overdue', '疑义：2026年低保名单', 'open']]);
    expect((await listOrdersFor(deps, (await actor('street-b')).user, {})).orders).toEqual([]);

    const detail = await orderDetail(deps, (await actor('super-a')).user, row.orderId!);
    expect([detail.obligation, detail.canAnswer]).toEqual([null, true]);
    await expect(answerOrder(deps, await actor('editor-b'), row.orderId!, { text: '已经核实并答复。' })).rejects.toThrow('被督办社区的工作人员答复');
    await answerOrder(deps, await actor('super-a'), row.orderId!, { text: '已入户核实并书面答复居民。' });
    expect((await orderDetail(deps, street.user, row.orderId!)).order.status).toBe('answered');

    const trail = await trackCase(deps, row.trackingCode);
    expect(trail.steps.map((s) => s.note).find((n) => n.startsWith('已督办'))).toMatch(/逾期未答复，街道督办单第 \d+ 号，要求社区于2026年\d+月\d+日前办理/);
    expect(JSON.stringify(trail)).not.toContain('13912345678');
    expect((await verifyAudit(deps.db.orm)).ok).toBe(true);
  });

  it('orders the street’s 督办 on a disputed answer, and a community cannot touch another’s case', { timeout: 150_000 }, async () => {
    await setup();
    const query = await submitAs(deps, COMMUNITY, 'query');
    const sup = await actor('super-a');
    await handleCase(deps, sup, query.id, 'answer', { replyText: '评议记录已在公示栏张贴。' });
    await expect(handleCase(deps, await actor('editor-b'), query.id, 'dispute', {})).rejects.toThrow('不属于您所在组织');
    at('2026-03-04');
    await handleCase(deps, sup, query.id, 'dispute', {});
    expect((await runRequestDaily(deps)).escalated).toBe(1);
    const row = (await caseForStaff(deps, sup.user, query.id)).row;
    const detail = await orderDetail(deps, sup.user, row.orderId!);
    expect([detail.order.reasonKind, row.disputedOn, row.repliedOn]).toEqual(['case_disputed', '2026-03-04', '2026-03-02']);
    // answered again after the dispute: the first answer (on time) is what counts
    const again = await handleCase(deps, sup, query.id, 'answer', { replyText: '已补充提供会议记录复印件。' });
    expect(again.repliedOn).toBe('2026-03-02');
  });

  it('counts late and overdue cases the same on the community page, matrix, roll-up and status', { timeout: 150_000 }, async () => {
    await setup();
    const late = await submitAs(deps, COMMUNITY, 'query'); // due 3/17
    await submitAs(deps, COMMUNITY, 'objection', {}, { id: 'r-2', title: '公示' }); // never answered
    const onTime = await submitAs(deps, COMMUNITY, 'query');
    const request = await submitAs(deps, STREET, 'disclosure'); // due 3/30, the street's own
    await submitAs(deps, OTHER_COMMUNITY, 'query'); // another street
    const sup = await actor('super-a');
    await handleCase(deps, sup, onTime.id, 'answer', { replyText: '已答复居民，记录附后。' });
    at('2026-03-20');
    await handleCase(deps, sup, late.id, 'answer', { replyText: '迟到的答复，已当面说明。' });
    at('2026-04-02');
    await handleCase(deps, await actor('street-a'), request.id, 'reply', { replyKind: 'disclose', replyText: '现予以公开，见附件。' });

    const district = await actor('district');
    const [community, street, districtOrg] = await Promise.all([orgNamed(deps, COMMUNITY), orgNamed(deps, STREET), orgNamed(deps, DISTRICT)]);
    const page = await communityDashboard(deps, (await actor('editor-a')).user, community, { period: '2026' });
    const status = statusJson(await complianceStatus(deps, district.user, community, '2026'));
    const matrix = matrixJson(await streetMatrix(deps, district.user, street, '2026'));
    const rollup = await districtRollup(deps, district.user, districtOrg, '2026');
    const streetStatus = statusJson(await complianceStatus(deps, district.user, street, '2026'));

    const communityFigures = { total: 3, late: 1, overdue: 1 };
    expect(page.cases).toEqual(communityFigures);
    expect(status.cases).toEqual(communityFigures);
    expect(matrix.rows.find((r) => r.org === COMMUNITY)?.cases).toEqual(communityFigures);
    expect(rollup.communities.find((c) => c.org.code === COMMUNITY)?.cases).toEqual(communityFigures);
    // the street: its communities plus its own 依申请公开 (answered 4/2, due 3/30: late)
    const streetFigures = { total: 4, late: 2, overdue: 1 };
    expect([matrix.cases, matrix.ownCases]).toEqual([streetFigures, { total: 1, late: 1, overdue: 0 }]);
    expect(streetStatus.cases).toEqual(streetFigures);
    expect(rollup.rows.find((r) => r.street.code === STREET)?.cases).toEqual(streetFigures);
    expect(rollup.rows.find((r) => r.street.code === '220202002')?.cases).toEqual({ total: 1, late: 0, overdue: 1 });
    expect(rollup.total.cases).toEqual({ total: 5, late: 2, overdue: 2 });
  });
});
