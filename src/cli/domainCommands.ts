import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../platform/config.ts';
import { cliActor } from '../platform/context.ts';
import { DirLockedError } from '../platform/dirLock.ts';
import { createWorkCalendar, type WorkCalendar, getCalendar, importCalendarYear, describeDay } from '../domains/calendar/index.ts';
import { privacyScanCommand } from '../domains/record/index.ts';
import { withDeps } from './coreCommands.ts';

/**
 * The calendar with the admin's corrections from the database. While a server holds the embedded
 * database, the built-in data still answers, and the user is told corrections were not read.
 */
export async function calendarFor(config: Config): Promise<WorkCalendar> {
  try {
    return await withDeps(config, (deps) => getCalendar(deps, null));
  } catch (err) {
    if (!(err instanceof DirLockedError)) throw err;
    console.error('注意：嵌入式数据库正被服务进程使用，本次只用内置节假日数据计算，未读取管理员录入的年份和更正。');
    return createWorkCalendar();
  }
}

function parseCount(text: string): number {
  if (!/^\d{1,4}$/.test(text)) throw new Error(`工作日数“${text}”无效：应为 0 到 9999 的整数`);
  return Number(text);
}

export function registerDomainCommands(program: Command, config: () => Config): void {
  const calendar = program.command('calendar').description('工作日历（法定节假日与调休）');
  calendar
    .command('add-workdays')
    .description('计算某日起 N 个工作日后的期限（起算日不计入）')
    .argument('<date>', '起算日期 YYYY-MM-DD')
    .argument('<n>', '工作日数')
    .option('--json', '以 JSON 输出 {"due","explanation"}')
    .action(async (date: string, n: string, o: { json?: boolean }) => {
      const result = (await calendarFor(config())).addWorkdays(date, parseCount(n));
      console.log(o.json ? JSON.stringify({ due: result.due, explanation: result.explanation }) : `${result.due}\n${result.explanation}`);
    });
  calendar
    .command('is-workday')
    .description('判断某日是否为工作日')
    .argument('<date>', '日期 YYYY-MM-DD')
    .option('--json', '以 JSON 输出 {"date","workday","explanation"}')
    .action(async (date: string, o: { json?: boolean }) => {
      const day = describeDay(await calendarFor(config()), date);
      console.log(o.json ? JSON.stringify(day) : day.explanation);
    });
  calendar
    .command('import-year')
    .description('导入国务院办公厅节假日安排通知（文本）或 JSON 年份数据，适用于所有区县')
    .argument('<file>', '通知文本或 JSON 文件')
    .option('--year <year>', '年份（通知标题中没有年份时使用）')
    .action(async (file: string, o: { year?: string }) => {
      const text = await readFile(file, 'utf8');
      const years = await withDeps(config(), (deps) =>
        importCalendarYear(deps, cliActor(), { text, source: basename(file), year: o.year ? Number(o.year) : undefined }),
      );
      for (const y of years) console.log(`已导入 ${y.year} 年：放假 ${y.holidays.length} 天，调休上班 ${y.workdays.length} 天。`);
    });

  program
    .command('privacy')
    .description('个人信息保护')
    .command('scan')
    .description('扫描文件（文本、docx、xlsx、PDF）中的身份证号、手机号和银行卡号')
    .argument('<file>', '要扫描的文件')
    .option('--json', '以 JSON 输出 {"findings":[…]}')
    .action(async (file: string, o: { json?: boolean }) => {
      const result = await privacyScanCommand(file);
      if (o.json) console.log(JSON.stringify(result));
      else if (result.findings.length === 0) console.log('未发现身份证号、手机号或银行卡号。');
      else for (const f of result.findings) console.log(`${f.kind}\t${f.start}-${f.end}\t${f.masked}`);
    });
}
