import { afterEach, describe, expect, it } from 'vitest';
import { databaseKinds, createTestDeps, type TestDeps } from '../../../test/support/db.ts';
import { addUser, seedTwoStreets, sessionUser } from '../../../test/support/fixtures.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import type { StaffActor } from '../../platform/principal.ts';
import { APPLICANT, submitAs } from './fixtures.ts';
import { caseForStaff, handleCase, recordObjections, runRequestDaily, setQuerySetting, stepsFor, trackCase } from './index.ts';

const STREET = '220202001';
const COMMUNITY = '220202001001';

describe.each(databaseKinds)('requests and objections on $name', (kind) => {
  let deps: TestDeps;
  afterEach(async () => deps?.dispose());

  async function setup(at = '2026-03-02T09:00:00+08:00') {
    deps = await createTestDeps(kind, { at });
    await seedTwoStreets(deps);
    await addUser(deps, 'street-a', 'street_admin', STREET);
    await addUser(deps, 'street-b', 'street_admin', '220202002');
    await addUser(deps, 'super-a', 'supervisor', COMMUNITY);
    await addUser(deps, 'district', 'district_admin', '220202');
  }
  const actor = async (username: string): Promise<StaffActor> => ({ id: username, name: username, ip: null, user: await sessionUser(deps, username) });
  const at = (day: string) => deps.clock.set(`${day}T10:00:00+08:00`);

  it('runs a 依申请公开 request through 补正, a third-party pause, extension, reply and closing', { timeout: 60_000 }, async () => {
    await setup();
    const { id, trackingCode } = await submitAs(deps, STREET, 'disclosure');
    const street = await actor('street-a');
    let row = (await caseForStaff(deps, street.user, id)).row;
    expect([row.state, row.receivedOn, row.dueOn, row.extendedDueOn]).toEqual(['received', '2026-03-02', '2026-03-30', '2026-04-28']);
    at('2026-03-03');
    row = await handleCase(deps, street, id, 'request_correction', { deadline: '2026-03-16' });
    expect(row.state).toBe('correction_requested');
    at('2026-03-10');
    row = await handleCase(deps, street, id, 'correction_received', {});
    // restarted from 3/10: day 20 is 4/8 (清明 4/4–4/6 skipped)
    expect([row.state, row.correctedOn, row.dueOn]).toEqual(['received', '2026-03-10', '2026-04-08']);
    at('2026-03-16');
    await handleCase(deps, street, id, 'consult_start', {});
    at('2026-03-25');
    row = await handleCase(deps, street, id, 'consult_end', {});
    // 3/17–3/25 are 7 working days not counted → the 27th working day after 3/10
    expect([row.state, row.dueOn, row.pauses]).toEqual(['received', '2026-04-17', [{ from: '2026-03-16', to: '2026-03-25' }]]);
    at('2026-03-26');
    row = await handleCase(deps, street, id, 'extend', {});
    expect([row.extended, row.dueOn, row.extendedDueOn]).toEqual([true, '2026-04-17', '2026-05-19']);
    await expect(handleCase(deps, street, id, 'extend', {})).rejects.toThrow('只能延长一次');
    await expect(handleCase(deps, street, id, 'request_correction', { deadline: '2026-04-30' })).rejects.toThrow('补正只能告知一次');
    await expect(handleCase(deps, street, id, 'consult_end', {})).rejects.toThrow('这件申请当前不能“收到第三方意见”');
    await expect(handleCase(deps, street, id, 'reply', { replyKind: 'disclose', replyText: '短' })).rejects.toThrow('至少需要 4 个字');
    at('2026-04-10');
    row = await handleCase(deps, street, id, 'reply', { replyKind: 'partial', replyText: '现提供会议记录，其中涉及个人隐私的部分已作区分处理。' });
    expect([row.state, row.replyKind, row.repliedOn]).toEqual(['replied', 'partial', '2026-04-10']);
    row = await handleCase(deps, street, id, 'close', {});
    expect(row.state).toBe('closed');
    expect(stepsFor(row)).toEqual([]);

    const view = await trackCase(deps, trackingCode.toLowerCase());
    expect(view.stateLabel).toBe('已办结');
    expect(view.replyLabel).toBe('部分公开');
    expect(view.steps.map((s) => s.onDay)).toEqual(['2026-03-02', '2026-03-03', '2026-03-10', '2026-03-16', '2026-03-25', '2026-03-26', '2026-04-10', '2026-04-10']);
    const json = JSON.stringify(view);
    for (const secret of [APPLICANT.name, APPLICANT.phone, APPLICANT.contact, '民主评议会议记录']) expect(json).not.toContain(secret);
    const audit = await verifyAudit(deps.db.orm);
    expect(audit.ok).toBe(true);
  });

  it('closes a request as 逾期不补正 only after the applicant’s deadline', { timeout: 60_000 }, async () => {
    await setup();
    const { id } = await submitAs(deps, STREET, 'disclosure');
    const street = await actor('street-a');
    await handleCase(deps, street, id, 'request_correction', { deadline: '2026-03-16' });
    at('2026-03-16');
    await expect(handleCase(deps, street, id, 'abandon', {})).rejects.toThrow('补正期限尚未届满');
    at('2026-03-17');
    const row = await handleCase(deps, street, id, 'abandon', {});
    expect(row.state).toBe('abandoned');
    expect(row.closedAt).not.toBeNull();
  });

  it('answers an anonymous 疑义 on the district’s clock and shows the outcome on the record’s trail', { timeout: 60_000 }, async () => {
    await setup();
    const record = { id: 'r-abc', title: '2026年第一季度低保名单公示' };
    const first = await submitAs(deps, COMMUNITY, 'objection', { anonymous: 'on', name: '', phone: '' }, record);
    const sup = await actor('super-a');
    let row = (await caseForStaff(deps, sup.user, first.id)).row;
    expect([row.anonymous, row.applicantName, row.applicantPhone, row.dueOn]).toEqual([true, null, null, '2026-03-17']);
    await setQuerySetting(deps, await actor('district'), { days: '5', unit: 'working', basis: '山东省村务公开条例：5日内答复', allowAnonymous: '' });
    await expect(submitAs(deps, COMMUNITY, 'objection', { anonymous: 'on' }, record)).rejects.toThrow('暂不接受匿名疑义');
    const named = await submitAs(deps, COMMUNITY, 'objection', {}, record);
    expect((await caseForStaff(deps, sup.user, named.id)).row.dueOn).toBe('2026-03-09');
    await expect(handleCase(deps, sup, first.id, 'answer', { replyText: '经核实名单无误。' })).rejects.toThrow('请选择处理结果');
    row = await handleCase(deps, sup, first.id, 'answer', { outcome: 'correct', replyText: `经核实，13912345678 反映属实，将更正名单并重新公示。` });
    expect([row.state, row.outcome]).toEqual(['replied', 'correct']);
    const street = await actor('street-a');
    await handleCase(deps, street, named.id, 'escalate', {});
    const trail = await recordObjections(deps, 'r-abc');
    expect(trail.map((t) => [t.stateLabel, t.outcome])).toEqual([['已答复', '更正'], ['已转街道督办', null]]);
    expect(trail[0]!.answer).toContain('将更正名单');
    expect(JSON.stringify(trail)).not.toContain(APPLICANT.phone);
    expect(JSON.stringify(trail)).not.toContain(APPLICANT.name);
  });

  it('refuses staff of another street and sends the wrong kind to the right place', { timeout: 150_000 }, async () => {
    await setup();
    const { id } = await submitAs(deps, STREET, 'disclosure');
    await expect(caseForStaff(deps, (await actor('street-b')).user, id)).rejects.toThrow('不属于您所在组织');
    await expect(handleCase(deps, await actor('street-b'), id, 'reply', { replyKind: 'disclose', replyText: '予以公开。' })).rejects.toThrow('不属于您所在组织');
    await expect(submitAs(deps, COMMUNITY, 'disclosure')).rejects.toThrow('请向街道');
    await expect(submitAs(deps, STREET, 'query')).rejects.toThrow('请向社区');
    await expect(submitAs(deps, STREET, 'disclosure', { phone: '12345' })).rejects.toThrow('联系电话');
    await expect(submitAs(deps, STREET, 'disclosure', { anonymous: 'on' })).rejects.toThrow('需要留下姓名');
  });
  it('escalates a 疑义 left unanswered past its date to the street, once', { timeout: 60_000 }, async () => {
    await setup();
    const objection = await submitAs(deps, COMMUNITY, 'objection', {}, { id: 'r-1', title: '低保名单' });
    await submitAs(deps, STREET, 'disclosure');
    at('2026-03-17');
    expect(await runRequestDaily(deps)).toEqual({ escalated: 0, overdueRequests: 0, correctionsLapsed: 0 });
    at('2026-03-31');
    expect(await runRequestDaily(deps)).toEqual({ escalated: 1, overdueRequests: 1, correctionsLapsed: 0 });
    expect(await runRequestDaily(deps)).toEqual({ escalated: 0, overdueRequests: 1, correctionsLapsed: 0 });
    const view = await trackCase(deps, (await caseForStaff(deps, (await actor('street-a')).user, objection.id)).row.trackingCode);
    expect(view.stateLabel).toBe('已转街道督办');
    expect(view.steps.at(-1)?.note).toMatch(/^已督办：逾期未答复，街道督办单第 \d+ 号/);
    expect((await verifyAudit(deps.db.orm)).ok).toBe(true);
  });
});

