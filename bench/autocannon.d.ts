// The part of autocannon's API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
  }
  interface Result {
    requests: { average: number; total: number };
    errors: number;
    timeouts: number;
  }
  function autocannon(opts: Options, done: (err: Error | null, result: Result) => void): EventEmitter;
  export default autocannon;
}
