/** Issue 13: webhooks reach only public addresses; the test button does not reveal internal ports. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../app/buildApp.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../../test/support/db.ts';
import { Agent } from '../../../../test/support/http.ts';
import { PASSWORD } from '../../../../test/support/fixtures.ts';
import { seedSeedCatalogs } from '../../../../test/support/compliance.ts';
import { startReceiver, type Receiver } from '../../../../test/support/webhookReceiver.ts';
import { viewFixture } from '../fixtures.ts';
import { addressRefused, allowListOf } from './address.ts';
import { pushContent } from './content.ts';
import { REFUSED_DETAIL, sendWebhook } from './send.ts';

const NONE = allowListOf([]);
// Every spelling of a loopback, private, link-local, CGNAT, multicast or metadata address.
const REFUSED = [
  'http://127.0.0.1/',
  'http://127.8.9.10:8080/x',
  'http://localhost:3000/',
  'http://LOCALHOST./',
  'http://api.localhost/',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://0x7f.0.0.1/',
  'http://0177.0.0.1/',
  'http://127.1/',
  'http://0/',
  'http://0.0.0.0/',
  'http://[::1]/',
  'http://[::]/',
  'http://[0:0:0:0:0:0:0:1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://[::ffff:10.0.0.1]/',
  'http://[::127.0.0.1]/',
  'http://[64:ff9b::7f00:1]/',
  'http://[2002:7f00:1::]/',
  'http://10.1.2.3/',
  'http://172.16.0.1/',
  'http://172.31.255.255/',
  'http://192.168.1.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://100.100.100.200/',
  'http://100.64.0.1/',
  'http://[fe80::1]/',
  'http://[fd00:ec2::254]/',
  'http://[fc00::1]/',
  'http://224.0.0.1/',
  'http://[ff02::1]/',
  'http://255.255.255.255/',
  'http://printer.local/',
];

describe('which webhook addresses may be reached', () => {
  it.each(REFUSED)('refuses %s', async (url) => {
    expect(await addressRefused(url, NONE)).toBe(true);
  });

  it('accepts public addresses', async () => {
    expect(await addressRefused('http://8.8.8.8/', NONE)).toBe(false);
    expect(await addressRefused('https://[2400:3200::1]/hook', NONE)).toBe(false);
    expect(await addressRefused('https://101.226.4.6/cgi-bin/webhook/send?key=x', NONE)).toBe(false);
  });

  it('accepts what the operator lists in WEBHOOK_ALLOW_HOSTS, and nothing next to it', async () => {
    const allow = allowListOf(['10.20.0.0/16', '127.0.0.1', 'robot.internal', '[fd12::5]']);
    expect(await addressRefused('http://10.20.3.4/hook', allow)).toBe(false);
    expect(await addressRefused('http://10.21.0.1/hook', allow)).toBe(true);
    expect(await addressRefused('http://127.0.0.1:9/hook', allow)).toBe(false);
    expect(await addressRefused('http://127.0.0.2/hook', allow)).toBe(true);
    expect(await addressRefused('http://robot.internal/hook', allow)).toBe(false);
    expect(await addressRefused('http://other.internal/hook', allow)).toBe(true);
    expect(await addressRefused('http://[fd12::5]/hook', allow)).toBe(false);
    expect(await addressRefused('http://[fd12::6]/hook', allow)).toBe(true);
  });
});

describe('sending refuses before connecting and follows no redirect', () => {
  const content = pushContent(viewFixture(), 'https://gk.example.cn');
  let rx: Receiver;
  let redirector: Server;
  let redirectUrl: string;
  beforeAll(async () => {
    rx = await startReceiver();
    redirector = createServer((req, res) => res.writeHead(307, { location: `${rx.url}/hook` }).end());
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    redirectUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await rx.close();
    await new Promise((resolve) => redirector.close(resolve));
  });

  it('does not connect to loopback, by address or by a name that resolves there', async () => {
    const port = new URL(rx.url).port;
    for (const url of [`${rx.url}/hook`, `http://localhost:${port}/hook`, `http://[::ffff:127.0.0.1]:${port}/hook`, `http://2130706433:${port}/hook`]) {
      const attempt = await sendWebhook({ kind: 'json', format: 'json', url, secret: null }, content, new Date(), { allowHosts: [] });
      expect(attempt).toMatchObject({ ok: false, status: null, detail: REFUSED_DETAIL });
    }
    expect(rx.received).toHaveLength(0);
  });

  it('treats a redirect as a failed answer and never follows it', async () => {
    const attempt = await sendWebhook({ kind: 'json', format: 'json', url: redirectUrl, secret: null }, content, new Date(), { allowHosts: ['127.0.0.1'] });
    expect(attempt).toMatchObject({ ok: false, status: 307 });
    expect(rx.received).toHaveLength(0);
  });
});

describe.each(databaseKinds)('the webhook pages refuse internal addresses on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  let rx: Receiver;
  let closedUrl: string;

  beforeAll(async () => {
    rx = await startReceiver();
    const closed = await startReceiver();
    closedUrl = closed.url;
    await closed.close();
    deps = await createTestDeps(kind, { env: { WEBHOOK_ALLOW_HOSTS: '127.0.0.1' } });
    await seedSeedCatalogs(deps);
    app = await buildApp(deps, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await rx.close();
    await deps.dispose();
  });

  const add = async (editor: Agent, name: string, url: string) => {
    await editor.get('/staff/channel/webhooks');
    return editor.post('/staff/channel/webhooks', { name, kind: 'json', url });
  };

  it('refuses to save a private address unless listed, with a Chinese message', async () => {
    const editor = new Agent(app);
    await editor.login('yanan-editor', PASSWORD);
    for (const url of ['http://10.0.0.8/hook', 'http://169.254.169.254/', 'http://[::1]:22/', 'http://localhost:5432/']) {
      const res = await add(editor, '内网探测', url);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('不能推送到这个地址');
    }
    expect((await add(editor, '登记的内网机器人', `${rx.url}/hook`)).statusCode).toBe(303);
    expect((await add(editor, '已关闭的端口', `${closedUrl}/hook`)).statusCode).toBe(303);
  });

  it('answers the test button the same way for a refused address, a closed port and a dead host', async () => {
    const editor = new Agent(app);
    await editor.login('yanan-editor', PASSWORD);
    const errorOf = async (id: number) => {
      await editor.get('/staff/channel/webhooks');
      const res = await editor.post(`/staff/channel/webhooks/${id}/test`, {});
      return { status: res.statusCode, error: /notice-error[^>]*>([^<]*)</.exec(res.body)?.[1] ?? '' };
    };
    const closedPort = await errorOf(2);
    deps.config.webhookAllowHosts = []; // the operator removes the listing: the same robots are now refused
    const refusedOpen = await errorOf(1);
    const refusedClosed = await errorOf(2);
    deps.config.webhookAllowHosts = ['127.0.0.1'];
    expect(closedPort.error).toContain('测试消息没有送达');
    expect(refusedOpen).toEqual(closedPort);
    expect(refusedClosed).toEqual(closedPort);
    expect(closedPort.error).not.toMatch(/ECONN|HTTP|无法连接|内网、本机/);
    expect(rx.received).toHaveLength(0);
    expect((await editor.post('/staff/channel/webhooks/1/test', {})).body).toContain('测试消息已送达');
  });
});
