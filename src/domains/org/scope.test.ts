import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { addUser, PASSWORD, seedTwoStreets } from '../../../test/support/fixtures.ts';
import { findUserByUsername } from './repository.ts';

describe.each(databaseKinds)('admins act only inside their subtree on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  let streetA: Agent;

  beforeAll(async () => {
    deps = await createTestDeps(kind);
    await seedTwoStreets(deps);
    await addUser(deps, 'district', 'district_admin', '220202');
    await addUser(deps, 'street-a', 'street_admin', '220202001');
    await addUser(deps, 'street-b', 'street_admin', '220202002');
    await addUser(deps, 'editor-b', 'editor', '220202002001');
    await addUser(deps, 'editor-a', 'editor', '220202001001');
    app = await buildApp(deps, { logger: false });
    streetA = new Agent(app);
    await streetA.login('street-a', PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  const newUser = (orgCode: string, username: string, role = 'editor') => ({ username, role, orgCode, password: 'Initial-Pass-1', displayName: username });

  it('lets a street admin create an editor in its own community', async () => {
    await streetA.get('/staff/users');
    const res = await streetA.post('/staff/users', newUser('220202001001', 'new-editor-a'));
    expect(res.statusCode).toBe(303);
    expect(await findUserByUsername(deps.db.orm, 'new-editor-a')).not.toBeNull();
  });

  it('refuses a street admin creating a user in another street', async () => {
    await streetA.get('/staff/users');
    const res = await streetA.post('/staff/users', newUser('220202002001', 'intruder'));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('您只能管理本辖区内的组织和用户');
    expect(await findUserByUsername(deps.db.orm, 'intruder')).toBeNull();
  });

  it('refuses a street admin creating a district admin', async () => {
    await streetA.get('/staff/users');
    const res = await streetA.post('/staff/users', newUser('220202', 'boss', 'district_admin'));
    expect(res.statusCode).toBe(400);
    expect(await findUserByUsername(deps.db.orm, 'boss')).toBeNull();
  });

  it('shows a street admin only the users of its own street', async () => {
    const page = await streetA.get('/staff/users');
    expect(page.body).toContain('editor-a');
    expect(page.body).not.toContain('editor-b');
    expect(page.body).not.toContain('street-b');
    expect(page.body).not.toContain('乙一社区');
  });

  it('refuses a street admin disabling a user of another street', async () => {
    await streetA.get('/staff/users');
    const res = await streetA.post('/staff/users/editor-b/disable', {});
    expect(res.statusCode).toBe(403);
    expect((await findUserByUsername(deps.db.orm, 'editor-b'))!.disabled).toBe(false);
  });

  it('lets the district admin disable any user below it, which ends that user’s sessions', async () => {
    const editor = new Agent(app);
    await editor.login('editor-b', PASSWORD);
    expect((await editor.get('/staff')).statusCode).toBe(200);
    const district = new Agent(app);
    await district.login('district', PASSWORD);
    await district.get('/staff/users');
    expect((await district.post('/staff/users/editor-b/disable', {})).statusCode).toBe(303);
    expect((await editor.get('/staff')).statusCode).toBe(303);
    expect((await new Agent(app).login('editor-b', PASSWORD)).body).toContain('该账户已被停用');
  });

  it('keeps editors and anonymous visitors out of user management', async () => {
    const editor = new Agent(app);
    await editor.login('editor-a', PASSWORD);
    expect((await editor.get('/staff/users')).statusCode).toBe(403);
    const anon = await new Agent(app).get('/staff/users');
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toMatch(/^\/login\?next=/);
  });

  it('refuses a street admin adding a community under another street', async () => {
    await streetA.get('/staff/orgs');
    const res = await streetA.post('/staff/orgs', { parentCode: '220202002', name: '越界社区', code: '220202002009' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('您只能管理本辖区内的组织和用户');
    await streetA.get('/staff/orgs');
    expect((await streetA.post('/staff/orgs', { parentCode: '220202001', name: '甲二社区', code: '220202001002' })).statusCode).toBe(303);
  });
});
