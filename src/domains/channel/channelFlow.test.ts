/**
 * Channels on published records, end to end on both databases: the printed sheet (text and QR),
 * the feeds, the screen and its play log, webhooks to a local receiver (DingTalk signature
 * verified there) with retries, e-mail to a local SMTP server, proof of posting and evidence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { PNG } from 'pngjs';
import { buildApp } from '../../app/buildApp.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { PASSWORD, addUser } from '../../../test/support/fixtures.ts';
import { seedSeedCatalogs, sessionUser } from '../../../test/support/compliance.ts';
import { findRecordByPublicId } from '../record/index.ts';
import { evidenceForRecords } from './index.ts';
import { publishRecord } from '../../../test/support/channelRecords.ts';
import { pdfText, qrOnPage, savePdf } from '../../../test/support/pdf.ts';
import { startReceiver, type Receiver } from '../../../test/support/webhookReceiver.ts';
import { startSmtp, type SmtpSink } from '../../../test/support/smtp.ts';
import { runPushes } from './jobs.ts';
import { processDue } from './push/deliver.ts';
import { sendersFor } from './mail/senders.ts';
import { recordSource } from './source.ts';
import { listSubscriptions } from './repository.ts';
import { confirmSubscription, subscribe, unsubscribe } from './subscription/subscriptions.ts';
import { findOrganisation } from '../org/index.ts';

const BASE = 'https://gk.example.cn';
const DING_SECRET = 'SECa1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2';
const LIST = ['序号\t姓名\t身份证号\t联系电话\t保障人数', '1\t张秀华\t220202198003150013\t13812345678\t3', '2\t李明\t220202197512080027\t13987654321\t2'].join('\n');

/** A multipart body as a browser sends it, with the CSRF field first. */
function multipart(fields: Record<string, string>, file: { field: string; name: string; type: string; bytes: Buffer }) {
  const boundary = '----gongkai' + Date.now();
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const head = Buffer.from(parts.join('') + `--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`);
  return { body: Buffer.concat([head, file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

function png(): Buffer {
  const image = new PNG({ width: 8, height: 8 });
  image.data.fill(200);
  return PNG.sync.write(image);
}

describe.each(databaseKinds)('channels on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  let rx: Receiver;
  let smtp: SmtpSink;
  let dibao: string;

  beforeAll(async () => {
    // DingTalk accepts a signature within an hour of its timestamp: the receiver checks against the test's clock.
    rx = await startReceiver({ dingtalk: DING_SECRET }, () => deps.clock.now().getTime());
    smtp = await startSmtp();
    deps = await createTestDeps(kind, { env: { PUBLIC_URL: BASE, WEBHOOK_ALLOW_HOSTS: '127.0.0.1', SMTP_URL: smtp.url, MAIL_FROM: '公开平台 <gk@example.cn>' } });
    await seedSeedCatalogs(deps);
    await addUser(deps, 'yanan-supervisor', 'supervisor', '220202004001');
    app = await buildApp(deps, { logger: false });
    dibao = await publishRecord(deps, { editor: 'yanan-editor', supervisor: 'yanan-supervisor', item: '最低生活保障', title: '关于2026年11月最低生活保障新增对象的公示', body: '经入户调查、民主评议，拟将以下居民纳入最低生活保障范围，现予公示。', table: { caption: '低保新增对象名单', tsv: LIST } });
  });
  afterAll(async () => {
    await app?.close();
    await deps?.dispose();
    await rx?.close();
    await smtp?.close();
  });

  it('prints the sheet of a published record: Chinese title, masked list, QR code to the record', async () => {
    const res = await app.inject({ method: 'GET', url: `/r/${dibao}/sheet.pdf` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = savePdf(res.rawPayload, `sheet-${kind.name}.pdf`);
    const text = pdfText(file).join('');
    expect(text).toContain('关于2026年11月最低生活保障新增对象的公示');
    expect(text).toContain('延安社区居务公开');
    expect(text).not.toMatch(/\d{17}[\dXx]/);
    expect(text).not.toContain('13812345678');
    expect(qrOnPage(file)).toBe(`${BASE}/r/${dibao}`);
    const a3 = await app.inject({ method: 'GET', url: `/r/${dibao}/sheet.pdf?size=A3` });
    expect(a3.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/r/zzzzzzzz/sheet.pdf' })).statusCode).toBe(404);
  });

  it('serves the three feeds of the community with the record, cacheable, and the feed of one item', async () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    const rss = await app.inject({ method: 'GET', url: '/feeds/220202004001.rss' });
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(parser.parse(rss.body).rss.channel.item.title).toBe('关于2026年11月最低生活保障新增对象的公示');
    expect(rss.body).not.toContain('220202********0013');
    const again = await app.inject({ method: 'GET', url: '/feeds/220202004001.rss', headers: { 'if-none-match': String(rss.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const atom = parser.parse((await app.inject({ method: 'GET', url: '/feeds/220202004001.atom' })).body);
    expect(atom.feed.entry.id).toBe(`${BASE}/r/${dibao}`);
    const json = (await app.inject({ method: 'GET', url: '/feeds/220202004001.json' })).json() as { items: { url: string }[] };
    expect(json.items.map((i) => i.url)).toEqual([`${BASE}/r/${dibao}`]);
    const view = await recordSource.find(deps, dibao, null);
    const itemId = view.kind === 'ok' ? view.view.itemId : 0;
    const item = await app.inject({ method: 'GET', url: `/feeds/220202004001/items/${itemId}.atom` });
    expect(parser.parse(item.body).feed.title).toBe('延安社区 · 最低生活保障');
    expect((await app.inject({ method: 'GET', url: '/feeds/220202004.rss' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/feeds/220202004002.json' })).json()).toMatchObject({ items: [] });
  });

  it('shows the record on the screen and counts the plays a registered screen reports', async () => {
    const page = await app.inject({ method: 'GET', url: '/screen/220202004001' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('关于2026年11月最低生活保障新增对象的公示');
    expect(page.body).toContain('220202********0013');
    const slides = (await app.inject({ method: 'GET', url: '/screen/220202004001/slides.json?o=portrait' })).json() as { hash: string; html: string };
    expect(slides.html).toContain('低保新增对象名单');
    const editor = new Agent(app);
    await editor.login('yanan-editor', PASSWORD);
    await editor.get('/staff/channel/screen');
    const made = await editor.post('/staff/channel/screen/screens', { name: '服务站大厅电子屏' });
    const key = /#key=([A-Za-z0-9_-]+)/.exec(made.body)![1]!;
    const at = deps.clock.now().toISOString();
    const plays = { plays: [{ r: dibao, v: 1, p: 1, at, s: 15 }, { r: dibao, v: 1, p: 2, at, s: 15 }, { r: 'notours1', v: 1, at, s: 15 }] };
    const post = (auth: string) => app.inject({ method: 'POST', url: '/screen/220202004001/plays', payload: plays, headers: { authorization: auth } });
    expect((await post('Bearer wrong-key')).statusCode).toBe(403);
    const ok = await post(`Bearer ${key}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ accepted: 2, ignored: 1 });
    const proof = await editor.get(`/staff/channel/records/${dibao}`);
    expect(proof.body).toContain('服务站大厅电子屏');
    expect(proof.body).toContain('播放 2 次');
  });

  it('plays what the playlist says: items, seconds per page and daily windows, checked at the edge', async () => {
    const editor = new Agent(app);
    await editor.login('yanan-editor', PASSWORD);
    const page = await editor.get('/staff/channel/screen');
    const itemId = /name="play_(\d+)"[^>]*aria-label="播放最低生活保障"/.exec(page.body)![1]!;
    const bad = await editor.post('/staff/channel/screen/playlist', { defaultSeconds: '15', [`play_${itemId}`]: '1', [`from_${itemId}`]: '08:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('“最低生活保障”的播放时段的开始和结束时间要一起填写');
    await editor.get('/staff/channel/screen');
    const saved = await editor.post('/staff/channel/screen/playlist', { defaultSeconds: '12', onFrom: '07:00', onTo: '21:30', [`play_${itemId}`]: '1', [`sec_${itemId}`]: '40', [`from_${itemId}`]: '08:00', [`to_${itemId}`]: '20:00' });
    expect(saved.statusCode).toBe(303);
    const screen = await app.inject({ method: 'GET', url: '/screen/220202004001' });
    expect(screen.body).toContain('data-seconds="40" data-windows="08:00-20:00"');
    expect(screen.body).toContain('data-on-hours="07:00-21:30"');
    // Back to every item on the screen (an unticked item the catalog puts there is an exclusion).
    const all = [...(await editor.get('/staff/channel/screen')).body.matchAll(/name="(play_\d+)"/g)].map((m) => [m[1]!, '1']);
    await editor.post('/staff/channel/screen/playlist', { defaultSeconds: '15', ...Object.fromEntries(all) });
  });

  it('pushes to WeCom and DingTalk robots set up by staff, secrets never shown back, with retries', async () => {
    deps.clock.advanceMinutes(1);
    const editor = new Agent(app);
    await editor.login('yanan-editor', PASSWORD);
    await editor.get('/staff/channel/webhooks');
    expect((await editor.post('/staff/channel/webhooks', { name: '居民微信群', kind: 'wecom', format: 'markdown', url: `${rx.url}/wecom/send?key=abcdef0123456789`, countsAs: '微信群' })).statusCode).toBe(303);
    await editor.get('/staff/channel/webhooks');
    expect((await editor.post('/staff/channel/webhooks', { name: '街道钉钉群', kind: 'dingtalk', format: 'markdown', url: `${rx.url}/dingtalk/robot/send?access_token=tok0123456789abcdef`, secret: DING_SECRET, countsAs: '政务新媒体' })).statusCode).toBe(303);
    await editor.get('/staff/channel/webhooks');
    await editor.post('/staff/channel/webhooks', { name: '区平台接口', kind: 'json', url: `${rx.url}/hook`, secret: 'json-secret-123456' });
    const list = await editor.get('/staff/channel/webhooks');
    expect(list.body).not.toContain(DING_SECRET);
    expect(list.body).not.toContain('abcdef0123456789');
    expect(list.body).toContain('SEC••••••••a1b2');

    // Records published before a robot was set up are not pushed to it; a new one is.
    deps.clock.advanceMinutes(1);
    const accounts = await publishRecord(deps, { editor: 'yanan-editor', supervisor: 'yanan-supervisor', item: '财务收支情况', title: '延安社区2026年10月财务收支公开', body: '本月收入 12,000 元，支出 3,200 元。', publicity: false });
    rx.failNext(1, '/hook');
    const run = await runPushes(deps, recordSource, sendersFor(deps.config));
    expect(run.created).toBe(3);
    const wecom = rx.received.find((r) => r.path === '/wecom/send')!;
    expect(wecom.body).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('延安社区2026年10月财务收支公开') } });
    const ding = rx.received.find((r) => r.path === '/dingtalk/robot/send')!;
    expect(ding.query.get('sign')).toBeTruthy();
    expect(ding.body).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.any(String), text: expect.stringContaining(`${BASE}/r/${accounts}`) } });
    const log = await editor.get('/staff/channel/webhooks/3');
    expect(log.body).toContain('等待发送');
    // The failed one is retried after its back-off, not before.
    expect(await processDue(deps, recordSource, sendersFor(deps.config))).toBe(0);
    deps.clock.advanceMinutes(1);
    expect(await processDue(deps, recordSource, sendersFor(deps.config))).toBe(1);
    expect((await editor.get('/staff/channel/webhooks/3')).body).toContain('已送达');
    expect(rx.received.filter((r) => r.path === '/hook')).toHaveLength(2);
    // Editing with the address and secret left blank keeps both; the robot still verifies the signature.
    await editor.get('/staff/channel/webhooks/2');
    expect((await editor.post('/staff/channel/webhooks/2', { name: '街道钉钉工作群', kind: 'dingtalk', format: 'markdown', url: '', secret: '', countsAs: '政务新媒体' })).statusCode).toBe(303);
    await editor.get('/staff/channel/webhooks');
    expect((await editor.post('/staff/channel/webhooks/2/test', {})).body).toContain('测试消息已送达');
    // Nothing is sent twice.
    expect(await runPushes(deps, recordSource, sendersFor(deps.config))).toEqual({ created: 0, attempted: 0 });
  });

  it('mails subscribers who confirmed, with an unsubscribe link that works in one click', async () => {
    const resident = new Agent(app);
    const form = await resident.get('/o/220202004001/subscribe');
    expect(form.body).toContain('订阅延安社区的公开信息');
    const sent = await resident.post('/o/220202004001/subscribe', { email: 'Zhang.San@example.com' });
    expect(sent.body).toContain('请查收确认邮件');
    const [confirm] = await smtp.waitFor(1);
    expect(confirm!.to).toEqual(['zhang.san@example.com']);
    expect(confirm!.subject).toBe('【延安社区】请确认订阅公开信息');
    const link = /https:\/\/gk\.example\.cn(\/subscriptions\/\S+\/confirm)/.exec(confirm!.text)![1]!;
    expect((await resident.get(link)).body).toContain('确认订阅');
    expect((await resident.post(link, {})).body).toContain('订阅已生效');

    deps.clock.advanceMinutes(1);
    const title = '延安社区居务监督委员会成员调整公告';
    await publishRecord(deps, { editor: 'yanan-editor', supervisor: 'yanan-supervisor', item: '社区居务监督机构', title, body: '经居民会议推选，调整居务监督委员会成员。', publicity: false });
    await runPushes(deps, recordSource, sendersFor(deps.config));
    const mails = await smtp.waitFor(2);
    const mail = mails[1]!;
    expect(mail.subject).toBe(`【延安社区公开】${title}`);
    expect(mail.text).toContain(`${BASE}/r/`);
    const unsubscribe = /<(https:\/\/gk\.example\.cn(\/unsubscribe\/[^>]+))>/.exec(mail.headers.get('list-unsubscribe') ?? '')!;
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const out = await app.inject({ method: 'POST', url: unsubscribe[2]!, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(out.statusCode).toBe(200);
    expect(out.body).toContain('已退订');
    const staff = new Agent(app);
    await staff.login('yanan-editor', PASSWORD);
    const subs = await staff.get('/staff/channel/subscriptions');
    expect(subs.body).toContain('zh***@example.com');
    expect(subs.body).not.toContain('zhang.san@example.com');
    expect(subs.body).toContain('已退订');
  });

  it('keeps a confirmed subscription confirmed, and an ended one ended, when requests race', async () => {
    const org = (await findOrganisation(deps, '220202004001'))!;
    const sender = { send: async () => ({ messageId: 'race', response: '250' }), close() {} };
    const ctx = { baseUrl: BASE, sender, ip: '127.0.0.1' };
    const tokenOf = async (email: string) => (await listSubscriptions(deps.db.orm, org.id)).find((s) => s.address === email)!;
    for (let round = 0; round < 4; round++) {
      // The mail's link clicked while the form is sent again: the confirmation holds.
      const twice = `twice${round}@example.com`;
      await subscribe(deps, org, [], { email: twice }, null, ctx);
      const [confirmed] = await Promise.allSettled([confirmSubscription(deps, (await tokenOf(twice)).token, '127.0.0.1'), subscribe(deps, org, [], { email: twice }, null, ctx)]);
      if (confirmed.status === 'fulfilled') expect((await tokenOf(twice)).status).toBe('active');
      // 退订 while the confirmation link is opened: the subscription stays ended.
      const gone = `gone${round}@example.com`;
      await subscribe(deps, org, [], { email: gone }, null, ctx);
      const { token } = await tokenOf(gone);
      await Promise.allSettled([unsubscribe(deps, token, '127.0.0.1'), confirmSubscription(deps, token, '127.0.0.1')]);
      expect((await tokenOf(gone)).status).toBe('unsubscribed');
    }
  });

  it('limits the public subscribe form', async () => {
    const visitor = new Agent(app);
    await visitor.get('/o/220202004002/subscribe');
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await visitor.post('/o/220202004002/subscribe', { email: `n${i}@example.com` })).statusCode);
    // Five a minute from one address (one of them used by the test before).
    expect(codes[0]).toBe(200);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(1);
    expect(codes.at(-1)).toBe(429);
  });

  it('files a photo as proof of posting, refuses what is not a photo, and counts evidence per channel', async () => {
    const editor = new Agent(app);
    await editor.login('yanan-editor', PASSWORD);
    await editor.get(`/staff/channel/records/${dibao}`);
    const send = (file: { name: string; type: string; bytes: Buffer }, channel: string) => {
      const form = multipart({ _csrf: editor.csrf!, channel, postedAt: '2026-11-02T08:30', note: '社区服务站门口公开栏' }, { field: 'photo', ...file });
      return app.inject({ method: 'POST', url: `/staff/channel/records/${dibao}/proofs`, payload: form.body, headers: { 'content-type': form.type, cookie: `gk_session=${editor.cookie('gk_session')}; gk_csrf=${editor.cookie('gk_csrf')}` } });
    };
    const fake = await send({ name: 'board.png', type: 'image/png', bytes: Buffer.from('this is not an image at all') }, '公开栏（电子屏）');
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('照片只能是');
    expect((await send({ name: 'board.png', type: 'image/png', bytes: png() }, '便民服务站')).statusCode).toBe(303);
    const page = await editor.get(`/staff/channel/records/${dibao}`);
    expect(page.body).toContain('查看照片');
    const photo = /href="(\/staff\/channel\/proofs\/\d+\/photo)"/.exec(page.body)![1]!;
    const img = await editor.get(photo);
    expect(img.headers['content-type']).toBe('image/png');
    const evidence = await editor.get('/staff/channel/evidence?month=2026-11');
    expect(evidence.body).toContain('关于2026年11月最低生活保障新增对象的公示');
    expect(evidence.body).toContain('✓ 公开栏（电子屏）');
    expect(evidence.body).toContain('✓ 便民服务站');
    expect(evidence.body).toContain('✗ 政府网站');
    const internal = (await findRecordByPublicId(deps.db.orm, dibao))!.id;
    const byId = await evidenceForRecords(deps, await sessionUser(deps, 'yanan-street'), [internal]);
    expect(byId.get(String(internal))).toMatchObject({ recordId: dibao, complete: false });
    expect(byId.get(String(internal))!.channels.find((c) => c.channel === '便民服务站')!.evidence[0]).toMatchObject({ kind: 'photo', by: 'yanan-editor' });
    const street = new Agent(app);
    await street.login('yanan-street', PASSWORD);
    const area = await street.get('/staff/channel/evidence?month=2026-11');
    expect(area.body).toContain('延安社区');
  });

  // A community's compliance page asks for every record its obligations link to: it once loaded
  // each record's whole page (~7 statements a record).
  it('answers evidence for many records in the same number of statements as for one', async () => {
    const viewer = await sessionUser(deps, 'yanan-street');
    const finance = await publishRecord(deps, { editor: 'yanan-editor', supervisor: 'yanan-supervisor', item: '财务收支情况', title: '2026年10月财务收支公开', body: '收入与支出见下表。' });
    const ids = await Promise.all([dibao, finance].map(async (id) => (await findRecordByPublicId(deps.db.orm, id))!.id));
    const counted = async (list: (string | number)[]) => {
      let statements = 0;
      const stop = deps.db.observe(() => statements++);
      const answer = await evidenceForRecords(deps, viewer, list);
      stop();
      return { answer, statements };
    };
    await counted(ids); // contexts kept per version (the effective catalog) are loaded once
    const one = await counted([ids[0]!]);
    const many = await counted([...ids, 999_999_999, 'not-a-number']);
    expect(many.statements).toBe(one.statements);
    expect([...many.answer.keys()].sort()).toEqual(ids.map(String).sort());
    // The same channels the record's own page lists for this viewer.
    for (const [id, publicId] of [[ids[0]!, dibao], [ids[1]!, finance]] as const) {
      const found = await recordSource.find(deps, publicId, viewer);
      expect(found.kind).toBe('ok');
      const evidence = many.answer.get(String(id))!;
      expect(evidence.recordId).toBe(publicId);
      expect(evidence.channels.map((c) => c.channel)).toEqual(found.kind === 'ok' ? found.view.requiredChannels : []);
    }
    expect(many.answer.get(String(ids[0]))!.channels.length).toBeGreaterThan(1);
  });

  it('keeps other communities’ staff out, and lets supervisors look but not change', async () => {
    const other = new Agent(app);
    await other.login('xinhua-editor', PASSWORD);
    expect((await other.get('/staff/channel/webhooks?org=220202004001')).statusCode).toBe(403);
    expect((await other.get(`/staff/channel/records/${dibao}`)).statusCode).toBe(403);
    const supervisor = new Agent(app);
    await supervisor.login('yanan-supervisor', PASSWORD);
    const page = await supervisor.get('/staff/channel/webhooks');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('添加机器人');
    expect((await supervisor.post('/staff/channel/webhooks/1/disable', {})).statusCode).toBe(403);
    expect((await verifyAudit(deps.db.orm)).ok).toBe(true);
  });
});
