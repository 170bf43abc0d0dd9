import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { AppError, ForbiddenError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { pageCtx, sendPage } from '../../web/page.ts';
import type { SessionUser } from '../org/repository.ts';
import { requireStaff } from '../org/routes.ts';
import { ensureCalendarCurrent } from '../compliance/index.ts';
import { getCalendar, importCalendarYear } from './calendarService.ts';
import { formatChineseDate, parseIsoDate } from './dates.ts';
import { describeDay } from './describeDay.ts';
import { recentCalendarYears } from './repository.ts';
import { CalendarPage, type Calculation } from './pages/CalendarPage.tsx';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '请按“年-月-日”填写日期，例如 2026-09-28' });
const calcQuery = z.object({
  date: isoDate.optional(),
  n: z.string().regex(/^\d{1,3}$/, { error: '工作日数应为 0 到 999 的整数' }).optional(),
  moved: z.string().regex(/^\d{1,7}$/).optional(),
});
const importInput = z.object({
  text: z.string().trim().min(10, { error: '请粘贴通知全文或 JSON 数据' }).max(20000, { error: '内容太长（不超过 20000 字）' }),
  year: z.string().regex(/^(\d{4})?$/, { error: '年份应为四位数' }).optional(),
});
const correctInput = z.object({
  date: isoDate,
  kind: z.enum(['holiday', 'workday'], { error: '请选择放假或上班' }),
  name: z.string().trim().min(2, { error: '请填写节日名称，例如 国庆节' }).max(20, { error: '节日名称不超过 20 个字' }),
});

function requireDistrictAdmin(user: SessionUser): void {
  if (user.role !== 'district_admin') throw new ForbiddenError('节假日安排由区县管理员录入和更正。');
}

const actorOf = (request: FastifyRequest, user: SessionUser) => ({ id: String(user.id), name: user.username, ip: request.ip });

async function calculate(deps: Deps, date: string, n: string): Promise<Calculation> {
  try {
    const cal = await getCalendar(deps);
    const result = cal.addWorkdays(date, Number(n));
    return { date, n, due: formatChineseDate(parseIsoDate(result.due)), explanation: result.explanation, day: describeDay(cal, date).explanation };
  } catch (err) {
    if (err instanceof AppError && err.statusCode < 500) return { date, n, error: err.message };
    throw err;
  }
}

/** Records the change, then recomputes every due date it moves; returns how many moved. */
async function saveAndRecompute(deps: Deps, request: FastifyRequest, user: SessionUser, text: string, source: string, year?: number): Promise<number> {
  await importCalendarYear(deps, actorOf(request, user), { text, source, year });
  return (await ensureCalendarCurrent(deps, actorOf(request, user))).moved;
}

const savedMessage = (moved: number) =>
  `已保存。${moved > 0 ? `${moved} 项公开义务的应公开日期随之调整，每项都注明了调整原因。` : '没有公开义务的应公开日期因此变动。'}`;

export function calendarRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const render = async (request: FastifyRequest, reply: FastifyReply, user: SessionUser, extra: { error?: string; ok?: string } = {}) => {
      const q = parseInput(calcQuery, request.query);
      const calc = q.date && q.n ? await calculate(deps, q.date, q.n) : { date: q.date ?? '', n: q.n ?? '20' };
      const [cal, entries] = await Promise.all([getCalendar(deps), recentCalendarYears(deps.db.orm)]);
      const page = h(CalendarPage, { ctx: pageCtx(request, reply), knownYears: cal.knownYears, entries, calc, canEdit: user.role === 'district_admin', ...extra });
      return sendPage(reply, page, extra.error ? 400 : 200);
    };

    app.get('/staff/calendar', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const moved = parseInput(calcQuery, request.query).moved;
      return render(request, reply, user, { ok: moved ? savedMessage(Number(moved)) : undefined });
    });

    const post = (path: string, save: (request: FastifyRequest, user: SessionUser) => Promise<number>) =>
      app.post(path, async (request, reply) => {
        const user = requireStaff(request, reply);
        if (!user) return reply;
        requireDistrictAdmin(user);
        try {
          const moved = await save(request, user);
          return reply.redirect(`/staff/calendar?moved=${moved}`, 303);
        } catch (err) {
          if (err instanceof AppError && err.statusCode < 500) return render(request, reply, user, { error: err.message });
          throw err;
        }
      });

    post('/staff/calendar/import', async (request, user) => {
      const input = parseInput(importInput, request.body);
      return saveAndRecompute(deps, request, user, input.text, '管理员粘贴的通知', input.year ? Number(input.year) : undefined);
    });

    post('/staff/calendar/correct', async (request, user) => {
      const input = parseInput(correctInput, request.body);
      const entry = [{ date: input.date, name: input.name }];
      const data = { year: Number(input.date.slice(0, 4)), holidays: input.kind === 'holiday' ? entry : [], workdays: input.kind === 'workday' ? entry : [] };
      return saveAndRecompute(deps, request, user, JSON.stringify(data), `更正 ${input.date}`);
    });
  };
}
