/** Tasks for workers.test.ts: each stands for a kind of upload the pool must survive. */
import { ValidationError } from './errors.ts';

export function add(a: number, b: number): number {
  return a + b;
}

/** A parser caught in a loop. */
export function spin(): never {
  for (;;) {
    // nothing: only the time limit ends this
  }
}

/** A file that expands until the heap runs out. */
export function hog(): never {
  const kept: string[] = [];
  for (;;) kept.push(`${kept.length}`.repeat(1000));
}

export function refuse(message: string): never {
  throw new ValidationError(message);
}

export function crash(): never {
  throw new TypeError('Cannot read properties of undefined');
}
