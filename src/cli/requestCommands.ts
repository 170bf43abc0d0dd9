import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { SessionUser } from '../domains/org/index.ts';
import type { Config } from '../platform/config.ts';
import { ValidationError } from '../platform/errors.ts';
import { requestClock, type Pause } from '../domains/request/index.ts';
import { calendarFor } from './domainCommands.ts';
import { withDeps } from './coreCommands.ts';

/** The command line acts with the machine's authority: a district admin at the root of the tree. */
const MACHINE: SessionUser = { id: 0, username: 'cli', displayName: '命令行', role: 'district_admin', orgId: 0, orgCode: '', orgName: '命令行', orgKind: 'district', orgPath: '/', districtCode: '' };

interface ReportOptions {
  org: string;
  year: string;
  json?: boolean;
  out?: string;
}

async function report(config: Config, o: ReportOptions): Promise<void> {
  const { annualReport, annualReportJson, annualReportXlsx } = await import('../domains/request/index.ts');
  await withDeps(config, async (deps) => {
    const r = await annualReport(deps, MACHINE, o.org, o.year);
    if (o.out) {
      await writeFile(o.out, await annualReportXlsx(r));
      console.log(`已导出 ${o.out}`);
    }
    const j = annualReportJson(r);
    if (o.json) console.log(JSON.stringify(j));
    else if (!o.out) console.log(`${r.org.name}${r.year}年：新收 ${j.received.total} 件，上年结转 ${j.carriedIn.total} 件，办结 ${j.total.total} 件（逾期 ${j.late} 件），结转下年 ${j.carriedOut.total} 件。`);
  });
}

const HELP_AFTER = `
说明（《政府信息公开条例》2019年修订）：
  due          法定答复期限：自收到申请之日的次日起第20个工作日（第三十三条）。收到当日为
               节假日或周末的，其后第一个工作日为第1个工作日；调休上班日计为工作日。
  extendedDue  经批准延长一次（最长20个工作日）后的答复期限；无论是否 --extended 都会给出。
  --extended   只表示延长已批准并告知申请人，在说明中写明；due 仍是未延长的法定期限。
  --corrected  收到补正后申请的日期：自该日次日起重新计算（第三十条）。
  --pause      征求第三方或其他机关意见（第三十二、三十四条）：FROM 发函，TO 收到答复，
               FROM 次日至 TO 当日的工作日不计入；可多次使用。
  超出已知节假日安排的年份时拒绝计算并以非零状态退出。

示例：
  gongkai request due --received 2026-02-14 --json
  gongkai request due --received 2025-09-20 --corrected 2025-09-30 --pause 2025-10-09:2025-10-20 --extended --json`;

function collectPause(value: string, previous: Pause[]): Pause[] {
  const match = /^(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})$/.exec(value.trim());
  if (!match) throw new ValidationError(`--pause 应为 发函日期:收到答复日期，例如 2026-03-02:2026-03-16，收到：${value}`);
  return [...previous, { from: match[1]!, to: match[2]! }];
}

export function registerRequestCommands(program: Command, config: () => Config): void {
  const request = program.command('request').description('依申请公开与疑义');
  request
    .command('due')
    .description('计算依申请公开的答复期限（20个工作日，可延长20个工作日），并逐步说明')
    .requiredOption('--received <date>', '收到申请的日期 YYYY-MM-DD')
    .option('--corrected <date>', '收到补正后申请的日期 YYYY-MM-DD（期限自此重新计算）')
    .option('--pause <from:to>', '征求意见：发函日期:收到答复日期（可重复）', collectPause, [] as Pause[])
    .option('--extended', '延长答复期限已获批准并告知申请人')
    .option('--json', '以 JSON 输出 {"due","extendedDue","explanation"}')
    .addHelpText('after', HELP_AFTER)
    .action(async (o: { received: string; corrected?: string; pause: Pause[]; extended?: boolean; json?: boolean }) => {
      const clock = requestClock(await calendarFor(config()), { received: o.received, corrected: o.corrected ?? null, pauses: o.pause, extended: Boolean(o.extended) });
      const answer = { due: clock.due, extendedDue: clock.extendedDue, explanation: clock.explanation };
      console.log(o.json ? JSON.stringify(answer) : `答复期限：${answer.due}\n延长后期限：${answer.extendedDue}\n${answer.explanation}`);
    });
  request
    .command('report')
    .description('政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）的统计数字')
    .requiredOption('--org <code>', '街道（乡镇）或区县的组织代码')
    .requiredOption('--year <year>', '年份，例如 2026')
    .option('--out <file.xlsx>', '导出为 Excel 文件')
    .option('--json', '以 JSON 输出各行各列的数字')
    .action((o: ReportOptions) => report(config(), o));
}
