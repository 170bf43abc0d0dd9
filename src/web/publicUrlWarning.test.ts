/**
 * Without PUBLIC_URL every printed QR code carries the server's own address, which no resident's
 * phone can open: staff are told on their home page and next to every print link, and the
 * warning goes away once the address is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app/buildApp.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../test/support/db.ts';
import { Agent } from '../../test/support/http.ts';
import { addUser, PASSWORD } from '../../test/support/fixtures.ts';
import { seedSeedCatalogs } from '../../test/support/compliance.ts';
import { publishRecord } from '../../test/support/channelRecords.ts';

const WARNING = '还没有设置本平台的公开网址（PUBLIC_URL）';

describe.each(databaseKinds)('the PUBLIC_URL warning on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  let agent: Agent;
  let record: string;
  const setPublicUrl = (url: string | null) => {
    (deps.config as { publicUrl: string | null }).publicUrl = url;
  };

  beforeAll(async () => {
    deps = await createTestDeps(kind, { env: { HOST: '0.0.0.0', PORT: '3000' } });
    await seedSeedCatalogs(deps);
    await addUser(deps, 'yanan-supervisor', 'supervisor', '220202004001');
    app = await buildApp(deps, { logger: false });
    record = await publishRecord(deps, { editor: 'yanan-editor', supervisor: 'yanan-supervisor', item: '最低生活保障', title: '低保公示', body: '经民主评议，现予公示。' });
    agent = new Agent(app);
    expect((await agent.login('yanan-editor', PASSWORD)).statusCode).toBe(303);
 }, 240_000); // seeding is slow on a loaded machine
  afterAll(async () => {
    await app?.close();
    await deps?.dispose();
  });

  it('warns on the staff home, the channel page and beside the sheet links, naming the address QR codes would carry', async () => {
    setPublicUrl(null);
    for (const url of ['/staff', '/staff/channel', `/staff/channel/records/${record}`]) {
      const page = await agent.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain(WARNING);
      expect(page.body, url).toContain('http://127.0.0.1:3000');
      expect(page.body, url).toContain('PUBLIC_URL=https://');
    }
  });

  it('says nothing once PUBLIC_URL is set', async () => {
    setPublicUrl('https://gk.example.cn');
    for (const url of ['/staff', '/staff/channel', `/staff/channel/records/${record}`]) {
      const page = await agent.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).not.toContain(WARNING);
    }
  });

  it('never shows the warning to the public', async () => {
    setPublicUrl(null);
    const home = await app.inject({ method: 'GET', url: '/o/220202004001' });
    expect(home.statusCode).toBe(200);
    expect(home.body).not.toContain(WARNING);
  });
});
