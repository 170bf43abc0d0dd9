/**
 * Issue 11: channels follow the catalog. A record of an item whose channels include 公开栏（电子屏）
 * reaches the screen without anyone touching the playlist; staff can still take the item off; a
 * record whose item requires a channel with no destination is flagged at submission and approval.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../app/buildApp.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../../test/support/db.ts';
import { Agent } from '../../../../test/support/http.ts';
import { PASSWORD, addUser } from '../../../../test/support/fixtures.ts';
import { actor, org, seedSeedCatalogs } from '../../../../test/support/compliance.ts';
import { publishRecord } from '../../../../test/support/channelRecords.ts';
import { savePlaylist } from './playlistForm.ts';

const COMMUNITY = '220202004001';
const slidesText = async (app: FastifyInstance) => ((await app.inject({ method: 'GET', url: `/screen/${COMMUNITY}/slides.json` })).json() as { html: string }).html;

describe.each(databaseKinds)('screens follow the catalog on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;

  beforeAll(async () => {
    deps = await createTestDeps(kind, { env: { PUBLIC_URL: 'https://gk.example.cn' } });
    await seedSeedCatalogs(deps);
    await addUser(deps, 'yanan-supervisor', 'supervisor', COMMUNITY);
    app = await buildApp(deps, { logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await deps?.dispose();
  });

  it('warns at submission and approval while no screen is registered, without blocking either', async () => {
    const editor = new Agent(app);
    await editor.login('yanan-editor', PASSWORD);
    const page = await editor.get('/staff/records/new');
    const itemId = /<option value="(\d+)"[^>]*>[^<]*财务收支情况/.exec(page.body)![1]!;
    const url = (await editor.post('/staff/records/new', { itemId, title: '2026年10月财务收支情况' })).headers.location as string;
    expect((await editor.get(url)).body).toContain('本社区还没有登记电子屏，这条记录不会在电子屏上播放');
    const submitted = await editor.post(url, { intent: 'submit', title: '2026年10月财务收支情况', bodyMd: '本月收入 12,000 元，支出 8,500 元。', publicity: '0' });
    expect(submitted.statusCode).toBe(303);
    const after = await editor.get(submitted.headers.location as string);
    expect(after.body).toContain('已提交，等待居务监督委员会审核');
    expect(after.body).toContain('“公开栏（电子屏）”：本社区还没有登记电子屏');
    expect(after.body).toContain('不影响提交和发布');

    const supervisor = new Agent(app);
    await supervisor.login('yanan-supervisor', PASSWORD);
    const review = await supervisor.get(url);
    expect(review.body).toContain('审核通过');
    expect(review.body).toContain('本社区还没有登记电子屏');
    const approved = await supervisor.post(`${url}/approve`, {});
    expect(approved.statusCode).toBe(303);
    const done = await supervisor.get(approved.headers.location as string);
    expect(done.body).toContain('已审核通过并发布');
    expect(done.body).toContain('本社区还没有登记电子屏');
  });

  it('plays a newly published record of a screen item though the playlist was saved before and never ticked it', async () => {
    const community = await org(deps, COMMUNITY);
    // A playlist saved earlier with another item ticked: the old rule played only ticked items.
    await savePlaylist(deps, await actor(deps, 'yanan-editor'), community, { entries: [{ itemKey: 'not-this-one', seconds: 30, windows: [] }], excluded: [], defaultSeconds: 15, onHours: [] });
    deps.clock.advanceMinutes(1);
    await publishRecord(deps, { editor: 'yanan-editor', supervisor: 'yanan-supervisor', item: '最低生活保障', title: '2026年11月低保新增对象公示', body: '经入户调查和民主评议，拟新增低保对象 2 户，现予公示。' });
    expect(await slidesText(app)).toContain('2026年11月低保新增对象公示');
  });

  it('lets staff take an item off the screen, and says so on the record page', async () => {
    const editor = new Agent(app);
    await editor.login('yanan-editor', PASSWORD);
    await editor.get('/staff/channel/screen');
    expect((await editor.post('/staff/channel/screen/screens', { name: '服务站大厅电子屏' })).statusCode).toBe(200);
    const page = await editor.get('/staff/channel/screen');
    const checked = [...page.body.matchAll(/name="(play_\d+)" value="1" checked/g)].map((m) => m[1]!);
    const dibao = /name="(play_\d+)"[^>]*aria-label="播放最低生活保障"/.exec(page.body)![1]!;
    expect(checked).toContain(dibao); // on by default: its channels include 公开栏（电子屏）
    const form = Object.fromEntries(checked.filter((c) => c !== dibao).map((c) => [c, '1']));
    expect((await editor.post('/staff/channel/screen/playlist', { defaultSeconds: '15', ...form })).statusCode).toBe(303);
    expect(await slidesText(app)).not.toContain('2026年11月低保新增对象公示');
    const again = await editor.get('/staff/channel/screen');
    expect(again.body).not.toMatch(new RegExp(`name="${dibao}" value="1" checked`));

    // A new draft of that item: a screen exists now, but the item is off the playlist.
    const list = await editor.get('/staff/records/new');
    const itemId = /<option value="(\d+)"[^>]*>[^<]*最低生活保障/.exec(list.body)![1]!;
    const url = (await editor.post('/staff/records/new', { itemId, title: '低保对象名单（第二批）' })).headers.location as string;
    const draft = (await editor.get(url)).body;
    expect(draft).toContain('这个事项已从电子屏播放列表中移除');
    expect(draft).not.toContain('本社区还没有登记电子屏');

    // Ticked again, it plays again.
    await editor.get('/staff/channel/screen');
    expect((await editor.post('/staff/channel/screen/playlist', { defaultSeconds: '15', ...form, [dibao]: '1' })).statusCode).toBe(303);
    expect(await slidesText(app)).toContain('2026年11月低保新增对象公示');
  });
});
