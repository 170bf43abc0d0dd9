import type { z } from 'zod';
import { ValidationError } from './errors.ts';
import './zodChinese.ts';

/** Validates input at the edge; the first problem becomes the Chinese message, all go to fields. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  throw new ValidationError(Object.values(fields)[0] ?? '输入有误', fields);
}
