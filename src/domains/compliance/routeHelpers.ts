import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { SessionUser } from '../org/repository.ts';

/* What the compliance route files share. */

export const codeParams = z.object({ code: z.string().regex(/^\d{6,12}$/, { error: '组织代码格式不正确' }) });
export const idParams = z.object({ id: z.coerce.number({ error: '编号无效' }).int().positive({ error: '编号无效' }) });
export const periodQuery = z.object({
  year: z.string().regex(/^(20\d{2}|2100)$/, { error: '年份应为 2004 到 2100 之间的四位数' }).optional().or(z.literal('')),
  month: z.string().regex(/^(0[1-9]|1[0-2])$/, { error: '月份无效' }).optional().or(z.literal('')),
  item: z.string().max(400, { error: '事项参数太长' }).optional(),
  ok: z.string().max(40).optional(),
});

export const actorOf = (request: FastifyRequest, user: SessionUser) => ({ id: String(user.id), name: user.username, ip: request.ip, user });

export interface FormError {
  message: string;
  status: number;
}

/** Runs a form's use case; a user-facing refusal comes back (to show beside the form), anything else is thrown. */
export async function formError(fn: () => Promise<unknown>): Promise<FormError | undefined> {
  try {
    await fn();
    return undefined;
  } catch (err) {
    if (err instanceof AppError && err.statusCode < 500) return { message: err.message, status: err.statusCode };
    throw err;
  }
}

