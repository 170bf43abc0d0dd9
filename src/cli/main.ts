import { Command, CommanderError } from 'commander';
import { loadConfig, ConfigError } from '../platform/config.ts';
import { MigrationError } from '../platform/migrate.ts';
import { DirLockedError } from '../platform/dirLock.ts';
import { AppError } from '../platform/errors.ts';
import { CatalogImportError } from '../domains/catalog/index.ts';
import { registerCoreCommands } from './coreCommands.ts';
import { registerDomainCommands } from './domainCommands.ts';
import { registerCatalogCommands } from './catalogCommands.ts';
import { registerComplianceCommands } from './complianceCommands.ts';
import { registerBackupCommands } from './backupCommands.ts';
import { registerAuditCommands } from './auditCommands.ts';
import { registerRequestCommands } from './requestCommands.ts';
import { BackupError } from '../platform/backup/index.ts';

const program = new Command()
  .name('gongkai')
  .description('公开 · 居务村务公开平台 (Gongkai) 命令行工具')
  .version('0.1.0', '-v, --version', '显示版本号')
  .helpOption('-h, --help', '显示帮助')
  .addHelpCommand('help [command]', '显示某个命令的帮助')
  .showHelpAfterError('（用 --help 查看用法）')
  .exitOverride();

registerCoreCommands(program, loadConfig);
registerDomainCommands(program, loadConfig);
registerCatalogCommands(program, loadConfig);
registerComplianceCommands(program, loadConfig);
registerBackupCommands(program, loadConfig);
registerAuditCommands(program, loadConfig);
registerRequestCommands(program, loadConfig);

function explain(err: unknown): string {
  if (err instanceof ConfigError || err instanceof MigrationError || err instanceof DirLockedError || err instanceof AppError || err instanceof CatalogImportError || err instanceof BackupError) return err.message;
  if (err instanceof Error && /[\u4e00-\u9fff]/.test(err.message)) return err.message;
  // Anything else is unexpected: say so in Chinese, keep the detail for the operator.
  return `意外错误：${err instanceof Error ? err.message : String(err)}`;
}

// Output piped into `head` and closed early is not an error of ours.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  console.error(explain(err));
  if (process.env.GONGKAI_DEBUG) console.error(err);
  process.exit(1);
}
