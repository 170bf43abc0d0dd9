/**
 * A small pool of worker threads for work that can take the server down with it: parsing
 * uploaded files (PDF, Word, Excel, catalogs). On the request thread a hostile file stalls every
 * other request; here each task runs with a time limit and a heap limit, and a worker that hits
 * either is ended while the server keeps answering. Tasks are named exports of modules (file URLs).
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { AppError, ValidationError } from './errors.ts';

export interface PoolLimits {
  /** Threads at most; the machine has few cores and the request thread needs one. */
  maxThreads: number;
  /** Time from submission to answer, queueing included, unless a task asks for another. */
  timeoutMs: number;
  /** V8 old-generation heap of each worker; an expanding file ends its worker, not the server. */
  maxHeapMb: number;
  /** Tasks waiting for a thread; more are refused with 503 rather than piled up. */
  maxQueue: number;
}

export const DEFAULT_LIMITS: PoolLimits = {
  maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
  timeoutMs: 30_000,
  maxHeapMb: 384,
  maxQueue: 16,
};

export interface RunOptions {
  /** A task known to take longer on large legitimate input (a 100k-row catalog) may ask for more. */
  timeoutMs?: number;
}

/** What a task threw, for the caller to turn into its own error class; the message is the task's. */
export class WorkerTaskError extends Error {
  constructor(
    readonly taskErrorName: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerTaskError';
  }
}

interface TaskFailure {
  name: string;
  message: string;
  statusCode?: number;
  code?: string;
}

type TaskResult = { ok: true; value: unknown } | { ok: false; error: TaskFailure };

export function timeoutError(seconds: number): AppError {
  return new AppError(`文件解析超时（超过 ${seconds} 秒），可能已损坏或过于复杂，请检查后重试。`, 422, 'worker_timeout');
}

export function tooLargeError(): AppError {
  return new AppError('文件展开后过大，无法处理。', 413, 'too_large');
}

function busyError(): AppError {
  return new AppError('服务器正忙，请稍后再试。', 503, 'busy');
}

/** AppErrors keep their class across the thread boundary, so routes answer them as before. */
function rehydrate(failure: TaskFailure): Error {
  if (failure.statusCode === undefined || failure.code === undefined) return new WorkerTaskError(failure.name, failure.message);
  if (failure.code === 'invalid_input') return new ValidationError(failure.message);
  return new AppError(failure.message, failure.statusCode, failure.code);
}

/** A pool limit that was hit, in words a clerk can act on; anything else is not ours to explain. */
function limitError(error: unknown, timeoutMs: number, signal: AbortSignal): Error {
  if (signal.aborted) return timeoutError(Math.round(timeoutMs / 1000));
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return tooLargeError();
  return error instanceof Error ? error : new Error(String(error));
}

export class WorkerPool {
  private readonly pool: Piscina;
  /** Tasks running or waiting; counted here because piscina 5 does not always enforce maxQueue. */
  private inFlight = 0;

  constructor(readonly limits: PoolLimits = DEFAULT_LIMITS) {
    this.pool = new Piscina({
      filename: new URL('./workerEntry.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: limits.maxThreads,
      idleTimeout: 10_000, // an idle thread holds ~100 MB (its heap, pdfkit, the fonts); printing comes in bursts
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
  }

  /** Runs `name` exported by `module` in a worker; an aborted task's thread is terminated by piscina. */
  async run<T>(module: URL | string, name: string, args: unknown[], options: RunOptions = {}): Promise<T> {
    if (this.inFlight >= this.limits.maxThreads + this.limits.maxQueue) throw busyError();
    const timeoutMs = options.timeoutMs ?? this.limits.timeoutMs;
    const signal = AbortSignal.timeout(timeoutMs);
    let result: TaskResult;
    this.inFlight += 1;
    try {
      result = (await this.pool.run({ module: String(module), name, args }, { signal })) as TaskResult;
    } catch (error) {
      throw limitError(error, timeoutMs, signal);
    } finally {
      this.inFlight -= 1;
    }
    if (!result.ok) throw rehydrate(result.error);
    return result.value as T;
  }

  get threads(): number {
    return this.pool.threads.length;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

let shared: WorkerPool | null = null;

/** The process's pool, made on first use so commands that parse nothing start no threads. */
export function runInWorker<T>(module: URL | string, name: string, args: unknown[], options: RunOptions = {}): Promise<T> {
  shared ??= new WorkerPool();
  return shared.run<T>(module, name, args, options);
}

/** Ends the shared pool's threads; for a graceful stop. */
export async function closeWorkers(): Promise<void> {
  const pool = shared;
  shared = null;
  await pool?.close();
}
