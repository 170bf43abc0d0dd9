import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.ts';
import type { StaffActor } from '../../platform/principal.ts';
import { databaseKinds, createTestDeps, type TestDeps } from '../../../test/support/db.ts';
import { addUser, PASSWORD, seedTwoStreets, sessionUser } from '../../../test/support/fixtures.ts';
import { Agent } from '../../../test/support/http.ts';
import { pdfText, savePdf } from '../../../test/support/pdf.ts';
import { annualReport, type Figures } from './annualReport.ts';
import { yearSummary } from './communitySummary.ts';
import { submitAs } from './fixtures.ts';
import { handleCase } from './handleCase.ts';
import { RESULT_ROWS } from './reportRows.ts';

const STREET = '220202001';
const COMMUNITY = '220202001001';
// Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
const col = (person: number, business = 0, legal = 0): Figures => [person, business, 0, 0, legal, 0, person + business + legal];
const sumOf = (rows: Figures[]) => rows.reduce((acc, f) => acc.map((v, i) => v + f[i]!), [0, 0, 0, 0, 0, 0, 0]);

describe.each(databaseKinds)('the annual report on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await deps?.dispose();
  });

  const actor = async (username: string): Promise<StaffActor> => ({ id: username, name: username, ip: null, user: await sessionUser(deps, username) });
  const at = (day: string) => deps.clock.set(`${day}T10:00:00+08:00`);

  /**
   * A hand-counted history at 延安街道-like street A. 2025: C (answered in 2025), A and B (answered
   * in January 2026). 2026: D abandoned after 补正, E 不予处理 (大量反复), F 信息不存在, H 部分公开
   * answered late, G received on 28 December and still open.
   */
  async function history() {
    deps = await createTestDeps(kind, { at: '2025-11-03T10:00:00+08:00' });
    await seedTwoStreets(deps);
    await addUser(deps, 'street-a', 'street_admin', STREET);
    await addUser(deps, 'street-b', 'street_admin', '220202002');
    await addUser(deps, 'district', 'district_admin', '220202');
    await addUser(deps, 'super-a', 'supervisor', COMMUNITY);
    const street = await actor('street-a');
    const reply = (id: number, replyKind: string, replyReason?: string) => handleCase(deps, street, id, 'reply', { replyKind, replyReason, replyText: '答复内容见正文。' });
    const c = await submitAs(deps, STREET, 'disclosure');
    at('2025-11-20');
    await reply(c.id, 'already_public');
    at('2025-12-10');
    const a = await submitAs(deps, STREET, 'disclosure');
    at('2025-12-15');
    const b = await submitAs(deps, STREET, 'disclosure', { applicantType: 'business' });
    at('2026-01-05');
    await reply(a.id, 'disclose');
    at('2026-01-06');
    await expect(reply(b.id, 'refuse')).rejects.toThrow('请选择具体理由');
    await expect(reply(b.id, 'refuse', 'nh_bulk')).rejects.toThrow('请选择具体理由');
    await reply(b.id, 'refuse', 'refuse_third_party');
    at('2026-03-02');
    const d = await submitAs(deps, STREET, 'disclosure');
    const e = await submitAs(deps, STREET, 'disclosure', { applicantType: 'legal' });
    const f = await submitAs(deps, STREET, 'disclosure');
    const h = await submitAs(deps, STREET, 'disclosure');
    at('2026-03-03');
    await handleCase(deps, street, d.id, 'request_correction', { deadline: '2026-03-16' });
    at('2026-03-10');
    await reply(e.id, 'not_handled', 'nh_bulk');
    await reply(f.id, 'not_exist');
    at('2026-03-20');
    await handleCase(deps, street, d.id, 'abandon', {});
    at('2026-04-15'); // due 2026-03-30
    await reply(h.id, 'partial');
    at('2026-12-28');
    await submitAs(deps, STREET, 'disclosure');
    at('2026-12-30');
    return { partialId: h.id };
  }

  it('counts a hand-counted year row by row, and the rows add up', { timeout: 60_000 }, async () => {
    await history();
    const r = await annualReport(deps, await sessionUser(deps, 'street-a'), STREET, 2026);
    const t = r.requests.table;
    expect(t.received).toEqual(col(4, 0, 1));
    expect(t.carriedIn).toEqual(col(1, 1));
    expect(t.results.disclose).toEqual(col(1));
    expect(t.results.partial).toEqual(col(1));
    expect(t.results.refuse_third_party).toEqual(col(0, 1));
    expect(t.results.unable_not_held).toEqual(col(1));
    expect(t.results.nh_bulk).toEqual(col(0, 0, 1));
    expect(t.results.other_no_correction).toEqual(col(1));
    expect(t.total).toEqual(col(4, 1, 1));
    expect(t.carriedOut).toEqual(col(1));
    expect(r.requests.late).toBe(1);
    expect(r.requests.fees).toEqual({ yuan: 0, requests: 0 });
    // Every row's 总计 is the sum of its columns; the result rows sum to 总计; the balance holds.
    for (const f of [t.received, t.carriedIn, t.total, t.carriedOut, ...Object.values(t.results)]) expect(f[6]).toBe(f.slice(0, 6).reduce((x, y) => x + y, 0));
    expect(sumOf(RESULT_ROWS.map((row) => t.results[row.key]!))).toEqual(t.total);
    expect(sumOf([t.carriedIn, t.received])).toEqual(sumOf([t.total, t.carriedOut]));

    const last = await annualReport(deps, await sessionUser(deps, 'district'), STREET, 2025);
    expect([last.requests.table.received[6], last.requests.table.total[6], last.requests.table.carriedOut[6]]).toEqual([3, 1, 2]);
    expect(last.requests.table.results.disclose![6]).toBe(1); // 已主动公开 counts as 予以公开
  });

  it('is for the street and the district above it only', { timeout: 60_000 }, async () => {
    await history();
    await expect(annualReport(deps, await sessionUser(deps, 'street-b'), STREET, 2026)).rejects.toThrow('本辖区');
    await expect(annualReport(deps, await sessionUser(deps, 'super-a'), STREET, 2026)).rejects.toThrow('本辖区');
    await expect(annualReport(deps, await sessionUser(deps, 'street-a'), COMMUNITY, 2026)).rejects.toThrow('居务公开年度汇总');
    await expect(annualReport(deps, await sessionUser(deps, 'street-a'), STREET, 'abcd')).rejects.toThrow('年份');
    await expect(yearSummary(deps, await sessionUser(deps, 'street-b'), COMMUNITY, 2026)).rejects.toThrow('本辖区');
  });

  it('serves the page, an .xlsx holding the figures and a PDF whose text reads right; the letter as PDF', { timeout: 120_000 }, async () => {
    const { partialId } = await history();
    app = await buildApp(deps, { logger: false });
    const street = new Agent(app);
    await street.login('street-a', PASSWORD);
    const page = await street.get(`/staff/reports/${STREET}/annual?year=2026`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2026年政府信息公开工作年度报告');
    expect(page.body).toContain('4.无正当理由大量反复申请');

    const xlsx = await street.get(`/staff/reports/${STREET}/annual.xlsx?year=2026`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rowOf = (label: string) => {
      let found: number[] | null = null;
      sheet.eachRow((row) => {
        if (String(row.getCell(1).value).trim() === label) found = [2, 3, 4, 5, 6, 7, 8].map((c) => Number(row.getCell(c).value));
      });
      return found;
    };
    expect(rowOf('一、本年新收政府信息公开申请数量')).toEqual(col(4, 0, 1));
    expect(rowOf('二、上年结转政府信息公开申请数量')).toEqual(col(1, 1));
    expect(rowOf('（七）总计')).toEqual(col(4, 1, 1));
    expect(rowOf('四、结转下年度继续办理')).toEqual(col(1));

    const pdf = await street.get(`/staff/reports/${STREET}/annual.pdf?year=2026`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(savePdf(pdf.rawPayload, 'annual-2026.pdf')).join('');
    expect(text).toContain('2026年政府信息公开工作年度报告');
    expect(text).toMatch(/一、本年新收政府信息公开申请数量4000105/);
    expect(text).toMatch(/（七）总计4100106/);
    expect(text).toContain('六、其他需要报告的事项');

    const other = new Agent(app);
    await other.login('street-b', PASSWORD);
    expect((await other.get(`/staff/reports/${STREET}/annual.pdf?year=2026`)).statusCode).toBe(403);
    expect((await other.get(`/staff/reports/${STREET}/annual.xlsx?year=2026`)).statusCode).toBe(403);
    expect((await new Agent(app).get(`/staff/reports/${STREET}/annual?year=2026`)).statusCode).toBe(303);

    const letter = await street.get(`/staff/requests/${partialId}/letter.pdf`);
    expect(letter.headers['content-type']).toBe('application/pdf');
    const words = pdfText(savePdf(letter.rawPayload, 'letter.pdf')).join('');
    expect(words).toContain('政府信息公开申请答复书');
    expect(words).toContain('王秀英：');
    expect(words).toContain('现提供可以公开的部分');
    expect(words).toContain('第三十七条');
    expect(words).toContain('2026年4月15日');
    expect(words).not.toContain('13912345678');
    expect((await other.get(`/staff/requests/${partialId}/letter.pdf`)).statusCode).toBe(403);

    const summary = await street.get(`/staff/reports/${STREET}/summary?year=2026`);
    expect(summary.statusCode).toBe(200);
    expect(summary.body).toContain('居务公开情况汇总');
    const summaryXlsx = await street.get(`/staff/reports/${STREET}/summary.xlsx?year=2026`);
    expect(summaryXlsx.statusCode).toBe(200);
  });
});
