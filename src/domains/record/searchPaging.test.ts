import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.ts';
import { findOrganisation, type OrgRow } from '../org/index.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { actor, publishRecord, seedRecordWorld } from '../../../test/support/records.ts';
import { withdrawRecord } from './correctRecord.ts';
import { SEARCH_PAGE_SIZE, SEARCH_TITLE_RUN, searchRecords, titleFirstInRuns } from './search.ts';
import { searchHits } from './searchRepository.ts';
import { beijingDate } from '../../platform/time.ts';

describe.each(databaseKinds)('search pages, withdrawal and short words on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  let district: OrgRow;
  const ids: number[] = [];

  beforeAll(async () => {
    deps = await createTestDeps(kind);
    await seedRecordWorld(deps);
    for (let i = 1; i <= SEARCH_PAGE_SIZE + 3; i++) {
      deps.clock.advanceMinutes(1);
      ids.push(await publishRecord(deps, i % 2 ? 'a' : 'b', '财务收支情况', { title: `第${i}批路灯维修费用`, bodyMd: `维修路灯 ${i} 盏，ＬＥＤ灯具。` }));
    }
    await publishRecord(deps, 'a', '财务收支情况', { title: '办公用品采购', bodyMd: '购买路灯备件。' });
    district = (await findOrganisation(deps, '220202'))!;
    app = await buildApp(deps, { logger: false });
  }, 300_000);
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  it('pages through every hit once, title hits first, in the same order each time', async () => {
    const first = await searchRecords(deps, district, '路灯', null, 1);
    const second = await searchRecords(deps, district, '路灯', null, 2);
    expect(first.records).toHaveLength(SEARCH_PAGE_SIZE);
    expect(first.hasMore).toBe(true);
    expect(second.records.map((r) => r.title)).toHaveLength(4);
    expect(second.hasMore).toBe(false);
    expect(second.records.at(-1)!.title).toBe('办公用品采购'); // found in its body only: last
    const all = [...first.records, ...second.records].map((r) => r.title);
    expect(new Set(all).size).toBe(SEARCH_PAGE_SIZE + 4);
    expect((await searchRecords(deps, district, '路灯', null, 1)).records.map((r) => r.title)).toEqual(first.records.map((r) => r.title));
  });

  it('links to the next and previous page on the public search page', async () => {
    const one = await new Agent(app).get(`/search?org=220202&q=${encodeURIComponent('路灯')}`);
    expect(one.body).toContain(`href="/search?q=%E8%B7%AF%E7%81%AF&amp;org=220202&amp;page=2"`);
    const two = await new Agent(app).get(`/search?org=220202&q=${encodeURIComponent('路灯')}&page=2`);
    expect(two.body).toContain('第 2 页');
    expect(two.body).toContain('上一页');
    expect(two.body).not.toContain('下一页');
    expect((await new Agent(app).get(`/search?org=220202&q=x&page=0`)).statusCode).toBe(400);
  });

  it('finds the same hits, newest first, whether the newest-first walk or the index collects them', async () => {
    const now = deps.clock.now();
    const community = (await findOrganisation(deps, '220202001001'))!;
    for (const scope of [{ path: '/' }, district, community]) {
      const f = { path: scope.path, terms: ['路灯'], now, today: beijingDate(now), residentOrgIds: [], limit: 10 };
      const walked = await searchHits(deps.db.orm, f);
      const indexed = await searchHits(deps.db.orm, { ...f, walkBudget: 2 }); // too small: the GIN index answers
      expect(walked.length).toBeGreaterThan(2);
      expect(indexed.map((h) => h.recordId)).toEqual(walked.map((h) => h.recordId));
      const times = walked.map((h) => h.publishedAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
    const bodyOnly = (await searchHits(deps.db.orm, { path: '/', terms: ['备件'], now, today: beijingDate(now), residentOrgIds: [], limit: 5 }))[0]!;
    expect(bodyOnly.inTitle).toBe(false);
  });

  it('puts title hits first only within each run of hits, so a later title hit never jumps an earlier run', () => {
    const hits = Array.from({ length: SEARCH_TITLE_RUN + 2 }, (_, i) => ({ id: i, inTitle: i === 1 || i === SEARCH_TITLE_RUN + 1 }));
    const ids = titleFirstInRuns(hits).map((h) => h.id);
    expect(ids.slice(0, 3)).toEqual([1, 0, 2]);
    expect(ids.slice(SEARCH_TITLE_RUN)).toEqual([SEARCH_TITLE_RUN + 1, SEARCH_TITLE_RUN]);
    expect(new Set(ids).size).toBe(hits.length);
  });

  it('finds one-character words and full-width letters, and no longer finds a withdrawn record', async () => {
    expect((await searchRecords(deps, district, '灯', null, 2)).records).toHaveLength(4);
    expect((await searchRecords(deps, district, 'led', null, 2)).records).toHaveLength(3);
    await withdrawRecord(deps, await actor(deps, 'editor-a'), ids[0]!, { reason: '费用有误，核实后重发' });
    const after = await searchRecords(deps, district, '路灯', null, 2);
    expect(after.records.map((r) => r.title)).not.toContain('第1批路灯维修费用');
    expect(after.records).toHaveLength(3);
  });
});
