import type { Command } from 'commander';
import type { Config } from '../platform/config.ts';
import { createBackup, reportOk, restoreBackup, verifyBackupFile, type Manifest, type VerifyReport } from '../platform/backup/index.ts';

function summary(m: Manifest): string {
  const tables = Object.keys(m.tables).length;
  const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
  const bytes = m.files.reduce((a, f) => a + f.bytes, 0);
  const kind = m.database.kind === 'postgres' ? 'PostgreSQL' : '嵌入式数据库';
  return `${kind}：${tables} 张表，共 ${rows} 行；上传文件 ${m.files.length} 个（${(bytes / 1024 / 1024).toFixed(1)} MB）；备份时间 ${m.createdAt}`;
}

/** Prints the verdict; a failed check sets exit code 2, like `audit verify`. */
function report(r: VerifyReport, what: string): void {
  console.log(summary(r.manifest));
  for (const p of r.problems) console.error(`  不一致：${p}`);
  if (r.audit && !r.audit.ok) console.error(`  审计日志校验失败：第 ${r.audit.badId} 号记录${r.audit.reason}。`);
  if (!reportOk(r)) {
    console.error(`${what}校验未通过。`);
    process.exitCode = 2;
    return;
  }
  const database = r.audit
    ? `各表行数与清单一致，审计日志 ${r.audit.entries} 条、哈希链完整`
    : 'PostgreSQL 转储可由 pg_restore 读取（各表行数与审计日志在恢复时核对）';
  console.log(`${what}校验通过：${r.files} 个上传文件的哈希一致，${database}。`);
}

export function registerBackupCommands(program: Command, config: () => Config): void {
  const backup = program
    .command('backup')
    .description('备份数据库和上传文件到一个文件（PostgreSQL 可在线备份；嵌入式数据库需先停止服务）')
    .option('--out <file>', '备份文件路径，例如 /var/backups/gongkai-2026-11-27.tar.gz')
    .action(async (o: { out?: string }) => {
      if (!o.out) throw new Error('请用 --out 指定备份文件路径，例如：gongkai backup --out gongkai-$(date +%F).tar.gz');
      const manifest = await createBackup(config(), o.out);
      console.log(`备份完成：${o.out}`);
      console.log(summary(manifest));
    });
  backup
    .command('verify')
    .description('不恢复，只校验备份文件是否完整可用；通过时退出码为 0')
    .argument('<file>', '备份文件')
    .action(async (file: string) => report(await verifyBackupFile(file), '备份文件'));

  program
    .command('restore')
    .description('把备份恢复到空的数据目录或空的 PostgreSQL 数据库，然后校验')
    .argument('<file>', '备份文件')
    .action(async (file: string) => {
      const result = await restoreBackup(config(), file);
      console.log(`已从 ${file} 恢复。`);
      report(result, '恢复结果');
    });
}
