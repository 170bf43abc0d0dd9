import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError, ValidationError } from './errors.ts';
import { WorkerPool, WorkerTaskError } from './workers.ts';

const TASKS = new URL('./workers.fixture.ts', import.meta.url);
const pool = new WorkerPool({ maxThreads: 2, timeoutMs: 1_500, maxHeapMb: 64, maxQueue: 4 });

afterAll(() => pool.close());

/** Rejection of `promise`, for assertions on its class and fields. */
async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('the task should have failed'),
    (error: unknown) => error,
  );
}

describe('the worker pool', () => {
  it('runs a TypeScript task in a worker thread', async () => {
    expect(await pool.run<number>(TASKS, 'add', [2, 3])).toBe(5);
  });

  it('ends a task past its time limit with a Chinese 422, and keeps serving', async () => {
    const started = Date.now();
    const error = await failureOf(pool.run(TASKS, 'spin', []));
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ statusCode: 422, message: '文件解析超时（超过 2 秒），可能已损坏或过于复杂，请检查后重试。' });
    expect(await pool.run<number>(TASKS, 'add', [1, 1])).toBe(2);
  });

  it('ends a task past its heap limit with a Chinese 413, and keeps serving', async () => {
    const error = await failureOf(pool.run(TASKS, 'hog', []));
    expect(error).toMatchObject({ statusCode: 413, message: '文件展开后过大，无法处理。' });
    expect(await pool.run<number>(TASKS, 'add', [1, 2])).toBe(3);
  });

  it('answers other calls while a worker spins', async () => {
    let spinEnded = false;
    const spinning = failureOf(pool.run(TASKS, 'spin', [])).finally(() => (spinEnded = true));
    // The second thread may have to start first (about a second on a loaded machine); what matters
    // is that the answer comes while the first thread is still stuck.
    expect(await pool.run<number>(TASKS, 'add', [4, 4], { timeoutMs: 10_000 })).toBe(8);
    expect(spinEnded).toBe(false);
    await spinning;
  });

  it('keeps the class of an error meant for the user, and marks any other', async () => {
    const refused = await failureOf(pool.run(TASKS, 'refuse', ['文件格式不正确。']));
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused).toMatchObject({ statusCode: 400, message: '文件格式不正确。' });
    const crashed = await failureOf(pool.run(TASKS, 'crash', []));
    expect(crashed).toBeInstanceOf(WorkerTaskError);
    expect(crashed).toMatchObject({ taskErrorName: 'TypeError' });
  });

  it('refuses work beyond its queue with 503 rather than piling it up', async () => {
    const small = new WorkerPool({ maxThreads: 1, timeoutMs: 800, maxHeapMb: 64, maxQueue: 1 });
    try {
      const tasks = [0, 1, 2].map(() => failureOf(small.run(TASKS, 'spin', [])));
      const errors = await Promise.all(tasks);
      expect(errors.map((e) => (e as AppError).statusCode).sort()).toEqual([422, 422, 503]);
    } finally {
      await small.close();
    }
  });

  it('runs the compiled task instead of the source when the server runs compiled (GONGKAI_BUILD)', async () => {
    // bin/build.mjs names a task after its source: src/platform/workers.fixture.ts → platform.workers.fixture.mjs
    const build = mkdtempSync(join(tmpdir(), 'gk-build-'));
    writeFileSync(join(build, 'platform.workers.fixture.mjs'), 'export const add = (a, b) => `compiled ${a + b}`;');
    const before = process.env.GONGKAI_BUILD;
    process.env.GONGKAI_BUILD = build; // a thread copies the environment when it starts
    const compiled = new WorkerPool({ maxThreads: 1, timeoutMs: 5_000, maxHeapMb: 64, maxQueue: 1 });
    try {
      expect(await compiled.run(TASKS, 'add', [2, 3])).toBe('compiled 5');
      // A module the build lacks runs from its source, through tsx: errors.ts exports no task.
      expect(await compiled.run(new URL('./errors.ts', import.meta.url), 'add', [2, 3]).catch((e: Error) => e.message)).toMatch(/任务 add 不存在/);
    } finally {
      if (before === undefined) delete process.env.GONGKAI_BUILD;
      else process.env.GONGKAI_BUILD = before;
      await compiled.close();
      rmSync(build, { recursive: true, force: true });
    }
  });
});
