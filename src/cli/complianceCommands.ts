import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Config } from '../platform/config.ts';
import { FixedClock, OffsetClock, systemClock, type Clock } from '../platform/clock.ts';
import type { Deps } from '../platform/context.ts';
import { ValidationError, NotFoundError } from '../platform/errors.ts';
import type { SessionUser } from '../domains/org/index.ts';
import { withDeps } from './coreCommands.ts';
import { beijingDate } from '../platform/time.ts';

// The compliance modules (and exceljs, nodemailer) load only when one of these commands runs,
// so every other `gongkai` command starts as fast as before.

/** The command line acts with the machine's authority: a district admin at the root of the tree. */
const MACHINE: SessionUser = { id: 0, username: 'cli', displayName: '命令行', role: 'district_admin', orgId: 0, orgCode: '', orgName: '命令行', orgKind: 'district', orgPath: '/', districtCode: '' };

function clockFor(asOf: string | undefined, config: Config): Clock {
  if (asOf) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new ValidationError(`--as-of 应为日期，例如 2026-10-20，收到：${asOf}`);
    return new FixedClock(`${asOf}T09:00:00+08:00`);
  }
  return config.asOf ? new OffsetClock(config.asOf) : systemClock;
}

function run<T>(config: Config, asOf: string | undefined, fn: (deps: Deps) => Promise<T>): Promise<T> {
  return withDeps(config, (deps) => fn({ ...deps, clock: clockFor(asOf, config) }));
}

async function sync(config: Config, asOf: string | undefined): Promise<void> {
  const { ensureCalendarCurrent, syncUnder } = await import('../domains/compliance/index.ts');
  const result = await run(config, asOf, async (deps) => ({ calendar: await ensureCalendarCurrent(deps), sync: await syncUnder(deps, '/') }));
  console.log(`已新建 ${result.sync.created} 项公开义务，${result.sync.moved + result.calendar.moved} 项应公开日期有调整。`);
}

async function remind(config: Config, asOf: string | undefined): Promise<void> {
  const [{ runDailyReminders }, { createMailer }] = await Promise.all([import('../domains/compliance/index.ts'), import('../platform/mail.ts')]);
  const mailer = createMailer(config);
  try {
    const r = await run(config, asOf, (deps) => runDailyReminders(deps, mailer));
    console.log(`每日提醒 ${r.digests} 条，逾期上报 ${r.escalations} 项，邮件发送成功 ${r.emailsSent} 封、失败 ${r.emailsFailed} 封。`);
  } finally {
    mailer?.close();
  }
}

interface MatrixOptions {
  street: string;
  year?: string;
  month?: string;
  out?: string;
  asOf?: string;
  json?: boolean;
}

async function matrix(config: Config, o: MatrixOptions): Promise<void> {
  const [{ findOrganisation }, { streetMatrix, matrixJson, exportMatrixXlsx, cellText }] = await Promise.all([import('../domains/org/index.ts'), import('../domains/compliance/index.ts')]);
  await run(config, o.asOf, async (deps) => {
    const street = await findOrganisation(deps, o.street);
    if (!street || street.kind !== 'street') throw new NotFoundError(`没有找到街道（乡镇）${o.street}`);
    const year = o.year ?? beijingDate(deps.clock.now()).slice(0, 4);
    if (!/^\d{4}$/.test(year) || (o.month && !/^(0?[1-9]|1[0-2])$/.test(o.month))) throw new ValidationError('年份应为四位数，月份应为 1 到 12');
    const view = await streetMatrix(deps, MACHINE, street, o.month ? `${year}-${o.month.padStart(2, '0')}` : year);
    if (o.json) {
      console.log(JSON.stringify(matrixJson(view)));
      return;
    }
    if (o.out) {
      await writeFile(o.out, await exportMatrixXlsx(view, deps.clock.now()));
      console.log(`已导出 ${o.out}（${view.rows.length} 个社区 × ${view.items.length} 个事项）`);
      return;
    }
    for (const row of view.rows) {
      console.log(`${row.org.name}：${view.items.map((i) => `${i.seq}.${row.cells.get(i.key) ? cellText(row.cells.get(i.key)!) : '—'}`).join('  ')}`);
    }
  });
}

interface StatusOptions {
  org: string;
  asOf?: string;
  year?: string;
  json?: boolean;
}

/** One organisation's figures, the same the pages show: this year plus what is still open from before. */
async function status(config: Config, o: StatusOptions): Promise<void> {
  const [{ findOrganisation }, { complianceStatus, statusJson, STATUS_LABELS }] = await Promise.all([import('../domains/org/index.ts'), import('../domains/compliance/index.ts')]);
  await run(config, o.asOf, async (deps) => {
    const org = await findOrganisation(deps, o.org);
    if (!org) throw new NotFoundError(`没有找到组织 ${o.org}`);
    if (o.year && !/^\d{4}$/.test(o.year)) throw new ValidationError('年份应为四位数');
    const report = await complianceStatus(deps, MACHINE, org, o.year);
    if (o.json) {
      console.log(JSON.stringify(statusJson(report)));
      return;
    }
    const c = report.total.counts;
    console.log(`${org.name}（${report.range.label}，含往期未结 ${report.total.carriedOver} 项）：已逾期 ${c.overdue}，即将到期 ${c.due_soon}，未到期 ${c.upcoming + c.pending}，按时公开 ${c.done_on_time}，逾期后公开 ${c.done_late}，已免除 ${c.waived}`);
    for (const ob of report.open) console.log(`  【${STATUS_LABELS[ob.status]}】${ob.org.name} · ${ob.item}${ob.due ? ` · 应于${ob.due}前公开` : ''}${ob.carriedOver ? '（往期未结）' : ''}`);
  });
}

export function registerComplianceCommands(program: Command, config: () => Config): void {
  const compliance = program.command('compliance').description('应公开义务、提醒与公开情况矩阵');
  compliance
    .command('sync')
    .description('按目录清单和工作日历重新计算各社区的应公开义务')
    .option('--as-of <date>', '按某一天计算（YYYY-MM-DD）')
    .action((o: { asOf?: string }) => sync(config(), o.asOf));
  compliance
    .command('remind')
    .description('立即发送今日提醒和逾期上报（同一天重复执行不会重复发送）')
    .option('--as-of <date>', '按某一天发送（YYYY-MM-DD）')
    .action((o: { asOf?: string }) => remind(config(), o.asOf));
  compliance
    .command('matrix')
    .description('街道公开情况矩阵（社区 × 事项）；--out 导出为 .xlsx')
    .requiredOption('--street <code>', '街道（乡镇）代码')
    .option('--year <year>', '年份，默认今年')
    .option('--month <month>', '月份 1–12，不填为全年')
    .option('--out <file>', '导出 .xlsx 文件')
    .option('--as-of <date>', '按某一天统计（YYYY-MM-DD）')
    .option('--json', '输出 JSON（每个社区一行，计数含往期未结）')
    .action((o: MatrixOptions) => matrix(config(), o));
  compliance
    .command('status')
    .description('社区、街道或区县的公开情况：各状态义务数和未结义务清单（含往期未结）')
    .requiredOption('--org <code>', '组织代码')
    .option('--year <year>', '统计年份，默认今年')
    .option('--as-of <date>', '按某一天统计（YYYY-MM-DD）')
    .option('--json', '输出 JSON')
    .action((o: StatusOptions) => status(config(), o));
}
