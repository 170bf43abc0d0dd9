import type { Command } from 'commander';
import type { Config } from '../platform/config.ts';
import { systemClock } from '../platform/clock.ts';
import { cliActor, type Deps } from '../platform/context.ts';
import { databaseTarget, openDatabase } from '../platform/db.ts';
import { migrate } from '../platform/migrate.ts';
import { startServer, stopOnSignals } from '../app/server.ts';
import { addOrganisation, createUser, disableUser, listOrgsFlat, ORG_KIND_LABELS } from '../domains/org/index.ts';
import { formatAccounts, loadDemoData } from '../app/demo.ts';

/** Opens the database, brings it up to date, runs fn, and always closes it again. */
export async function withDeps<T>(config: Config, fn: (deps: Deps) => Promise<T>): Promise<T> {
  const db = await openDatabase(databaseTarget(config));
  try {
    await migrate(db);
    return await fn({ db, config, clock: systemClock });
  } finally {
    await db.close();
  }
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new Error('请通过标准输入提供密码，例如：echo "$PASSWORD" | gongkai user add …');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function registerCoreCommands(program: Command, config: () => Config): void {
  program
    .command('serve')
    .description('启动网站服务（空数据库首次启动时自动载入演示数据）')
    .action(async () => {
      const starting = startServer(config(), { createInChild: true });
      stopOnSignals(starting);
      console.log(`公开平台已启动：${(await starting).url}`);
    });

  program
    .command('migrate')
    .description('把数据库结构升级到最新版本')
    .action(async () => {
      const applied = await withDeps(config(), async (deps) => migrate(deps.db));
      console.log(applied.length ? `已执行迁移：${applied.join('、')}` : '数据库已是最新版本。');
    });

  const org = program.command('org').description('组织机构（区县、街道乡镇、社区村）');
  org
    .command('add')
    .description('添加组织')
    .requiredOption('--code <code>', '行政区划代码（6 到 12 位数字）')
    .requiredOption('--name <name>', '名称，例如 吉林市昌邑区')
    .requiredOption('--kind <kind>', 'district（区县）、street（街道乡镇）或 community（社区村）')
    .option('--parent <code>', '上级组织代码（街道、社区必填）')
    .action(async (o: { code: string; name: string; kind: string; parent?: string }) => {
      const row = await withDeps(config(), (deps) =>
        addOrganisation(deps, { ...cliActor(), user: null }, { code: o.code, name: o.name, kind: o.kind as never, parentCode: o.parent }),
      );
      console.log(`已添加 ${row.name}（${row.code}）`);
    });
  org
    .command('list')
    .description('列出全部组织')
    .option('--json', '以 JSON 输出')
    .action(async (o: { json?: boolean }) => {
      const rows = await withDeps(config(), (deps) => listOrgsFlat(deps));
      const parentCode = (path: string) => path.split('/').filter(Boolean).slice(-2, -1)[0] ?? null;
      if (o.json) {
        console.log(JSON.stringify(rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind, parentCode: parentCode(r.path), districtCode: r.districtCode }))));
      } else {
        for (const r of rows) console.log(`${'  '.repeat(r.path.split('/').length - 3)}${r.code}  ${r.name}（${ORG_KIND_LABELS[r.kind]}）`);
      }
    });

  registerUserCommands(program, config);

  program
    .command('demo')
    .description('向空数据库载入演示数据（组织与随机密码的演示账户）')
    .action(async () => {
      const accounts = await withDeps(config(), (deps) => loadDemoData(deps, cliActor()));
      console.log(formatAccounts(accounts));
    });
}

function registerUserCommands(program: Command, config: () => Config): void {
  const user = program.command('user').description('用户账户');
  user
    .command('add')
    .description('添加用户；密码从标准输入读取')
    .requiredOption('--username <username>', '用户名')
    .requiredOption('--role <role>', 'district_admin、street_admin、editor、supervisor 或 resident')
    .requiredOption('--org <code>', '所属组织代码')
    .option('--name <name>', '姓名')
    .requiredOption('--password-stdin', '从标准输入读取密码')
    .action(async (o: { username: string; role: string; org: string; name?: string }) => {
      const password = await readStdin();
      const row = await withDeps(config(), (deps) =>
        createUser(deps, { ...cliActor(), user: null }, { username: o.username, role: o.role as never, orgCode: o.org, displayName: o.name, password }),
      );
      console.log(`已创建用户 ${row.username}`);
    });
  user
    .command('disable')
    .description('停用用户并结束其全部登录')
    .argument('[username]', '用户名')
    .option('--username <username>', '用户名')
    .action(async (positional: string | undefined, o: { username?: string }) => {
      const username = o.username ?? positional;
      if (!username) throw new Error('请指定要停用的用户名');
      await withDeps(config(), (deps) => disableUser(deps, { ...cliActor(), user: null }, username));
      console.log(`已停用用户 ${username}`);
    });
}
