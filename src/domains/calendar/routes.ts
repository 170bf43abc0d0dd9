import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { AuditActor } from '../../platform/audit/index.ts';
import type { Deps } from '../../platform/context.ts';
import { pageCtx, sendPage } from '../../web/page.ts';
import { actorOf, bodyOf, formProblem, queryOf, staffOf, staffOnly } from '../../web/routeKit.ts';
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

const staff = { preHandler: staffOnly() };
const districtAdmins = { preHandler: staffOnly(['district_admin'], '节假日安排由区县管理员录入和更正。') };

async function calculate(deps: Deps, districtCode: string, date: string, n: string): Promise<Calculation> {
  let calc: Calculation = { date, n };
  const problem = await formProblem(async () => {
    const cal = await getCalendar(deps, districtCode);
    const result = cal.addWorkdays(date, Number(n));
    calc = { date, n, due: formatChineseDate(parseIsoDate(result.due)), explanation: result.explanation, day: describeDay(cal, date).explanation };
  });
  return problem ? { date, n, error: problem.message } : calc;
}

/** What the calendar pages need from later domains; the app plugs them in. */
export interface CalendarPorts {
  /** Recomputes every due date the change moves; returns how many moved. */
  afterCalendarChange(deps: Deps, actor: AuditActor): Promise<number>;
}

/** A change to the year data as the forms describe it. */
interface CalendarChange {
  text: string;
  source: string;
  year?: number;
}

const fromNotice = (input: z.output<typeof importInput>): CalendarChange => ({ text: input.text, source: '管理员粘贴的通知', year: input.year ? Number(input.year) : undefined });

function fromCorrection(input: z.output<typeof correctInput>): CalendarChange {
  const entry = [{ date: input.date, name: input.name }];
  const data = { year: Number(input.date.slice(0, 4)), holidays: input.kind === 'holiday' ? entry : [], workdays: input.kind === 'workday' ? entry : [] };
  return { text: JSON.stringify(data), source: `更正 ${input.date}` };
}

const savedMessage = (moved: number) =>
  `已保存。${moved > 0 ? `${moved} 项公开义务的应公开日期随之调整，每项都注明了调整原因。` : '没有公开义务的应公开日期因此变动。'}`;

export function calendarRoutes(deps: Deps, ports: CalendarPorts) {
  return async (app: FastifyInstance) => {
    const render = async (request: FastifyRequest, reply: FastifyReply, extra: { error?: string; ok?: string } = {}) => {
      const q = queryOf(request, calcQuery);
      // Each district works by its own calendar: the shared data plus its admin's entries.
      const district = staffOf(request).districtCode;
      const calc = q.date && q.n ? await calculate(deps, district, q.date, q.n) : { date: q.date ?? '', n: q.n ?? '20' };
      const [cal, entries] = await Promise.all([getCalendar(deps, district), recentCalendarYears(deps.db.orm, district)]);
      const page = h(CalendarPage, { ctx: pageCtx(request, reply), knownYears: cal.knownYears, entries, calc, canEdit: staffOf(request).role === 'district_admin', ...extra });
      return sendPage(reply, page, extra.error ? 400 : 200);
    };

    app.get('/staff/calendar', staff, async (request, reply) => {
      const moved = queryOf(request, calcQuery).moved;
      return render(request, reply, { ok: moved ? savedMessage(Number(moved)) : undefined });
    });

    // Records the change, then lets the due dates follow it; a refusal is shown beside the forms.
    const post = (path: string, changeOf: (request: FastifyRequest) => CalendarChange) =>
      app.post(path, districtAdmins, async (request, reply) => {
        let moved = 0;
        const problem = await formProblem(async () => {
          await importCalendarYear(deps, actorOf(request), changeOf(request));
          moved = await ports.afterCalendarChange(deps, actorOf(request));
        });
        if (problem) return render(request, reply, { error: problem.message });
        return reply.redirect(`/staff/calendar?moved=${moved}`, 303);
      });

    post('/staff/calendar/import', (request) => fromNotice(bodyOf(request, importInput)));
    post('/staff/calendar/correct', (request) => fromCorrection(bodyOf(request, correctInput)));
  };
}
