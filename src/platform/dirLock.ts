import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

export interface DirLock {
  release(): void;
}

export class DirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `数据目录 ${dir} 正被另一个 Gongkai 进程（PID ${pid}）使用。嵌入式数据库同一时间只能由一个进程打开；` +
        `请先停止该进程（或使用 PostgreSQL：设置 DATABASE_URL）后再试。`,
    );
    this.name = 'DirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM means the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive pid lock file beside the embedded database. O_EXCL creation is atomic, so two
 * processes starting together cannot both win; a lock left by a crashed process is taken over.
 */
export function acquireDirLock(lockFile: string, dir: string): DirLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw new DirLockedError(dir, pid);
      unlinkSync(lockFile); // stale: its process is gone
    }
  }
  throw new Error(`无法获得数据目录锁 ${lockFile}`);
}
