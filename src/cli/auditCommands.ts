import type { Command } from 'commander';
import type { Config } from '../platform/config.ts';
import type { Deps } from '../platform/context.ts';
import { verifyAudit } from '../platform/audit/index.ts';
import { appendCheckpoint, checkpointKey, checkpointPaths, readCheckpoints, takeCheckpoint, verifyCheckpoints } from '../platform/audit/checkpoint.ts';
import { withDeps } from './coreCommands.ts';

/** `gongkai audit verify [--checkpoint]` and `gongkai audit checkpoint`. Exit code 2 when a check fails. */
export function registerAuditCommands(program: Command, config: () => Config): void {
  const audit = program.command('audit').description('审计日志');
  audit
    .command('verify')
    .description('校验审计日志哈希链是否完整；完整时退出码为 0')
    .option('--checkpoint', '同时核对数据库外保存的检查点（可发现被截断或整体改写的日志）')
    .action(async (o: { checkpoint?: boolean }) => {
      const cfg = config();
      await withDeps(cfg, async (deps) => {
        const verdict = await verifyAudit(deps.db.orm);
        if (!verdict.ok) {
          console.error(`审计日志校验失败：第 ${verdict.badId} 号记录${verdict.reason}。此前 ${verdict.entries} 条完好。`);
          process.exitCode = 2;
          return;
        }
        console.log(`审计日志完整：共 ${verdict.entries} 条，哈希链校验通过。`);
        if (o.checkpoint) await verifyAgainstCheckpoints(deps, cfg.dataDir);
      });
    });
  audit
    .command('checkpoint')
    .description('记录审计日志当前的末条哈希（签名后保存在数据库之外；服务每天自动记录一次）')
    .action(async () => {
      const cfg = config();
      const paths = checkpointPaths(cfg.dataDir);
      const cp = await withDeps(cfg, async (deps) => takeCheckpoint(deps.db.orm, await checkpointKey(paths.keyFile), deps.clock.now()));
      await appendCheckpoint(paths.file, cp);
      console.log(`已记录检查点：共 ${cp.entries} 条，末条第 ${cp.lastId} 号，保存在 ${paths.file}`);
    });
}

async function verifyAgainstCheckpoints(deps: Deps, dataDir: string): Promise<void> {
  const paths = checkpointPaths(dataDir);
  const checkpoints = await readCheckpoints(paths.file);
  if (checkpoints.length === 0) {
    console.error(`没有找到检查点（${paths.file}），请先运行 gongkai audit checkpoint 或让服务运行满一天。`);
    process.exitCode = 2;
    return;
  }
  const result = await verifyCheckpoints(deps.db.orm, await checkpointKey(paths.keyFile), checkpoints);
  if (result.ok) console.log(`与 ${result.checked} 个检查点核对一致。`);
  else {
    console.error(`与 ${result.at} 的检查点不符：${result.reason}。`);
    process.exitCode = 2;
  }
}
