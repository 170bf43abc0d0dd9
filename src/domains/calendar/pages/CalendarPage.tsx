import { Csrf, Layout } from '../../../web/layout.tsx';
import { type PageCtx } from '../../../web/page.ts';
import type { CalendarYearRow } from '../repository.ts';
import { chineseDateTime } from '../../../platform/time.ts';

export interface Calculation {
  date: string;
  n: string;
  due?: string;
  explanation?: string;
  day?: string;
  error?: string;
}

interface Props {
  ctx: PageCtx;
  knownYears: readonly number[];
  entries: CalendarYearRow[];
  calc: Calculation;
  canEdit: boolean;
  error?: string;
  ok?: string;
}

function Calculator({ calc }: { calc: Calculation }) {
  return (
    <section class="card">
      <h2>期限计算</h2>
      <p class="muted">起算日不计入（《民法典》第二百零一条），跳过法定节假日，计入调休上班日。</p>
      <form method="get" action="/staff/calendar" class="period-form">
        <label>
          起算日期
          <input type="date" name="date" value={calc.date} required />
        </label>
        <label>
          工作日数
          <input type="number" name="n" min={0} max={999} value={calc.n} required inputMode="numeric" />
        </label>
        <button type="submit" class="button">
          计算
        </button>
      </form>
      {calc.error ? (
        <p class="notice notice-error" role="alert">
          {calc.error}
        </p>
      ) : null}
      {calc.due ? (
        <div class="due" aria-live="polite">
          <p class="due-date">
            期限：<strong>{calc.due}</strong>
          </p>
          <p class="explain">{calc.explanation}</p>
          {calc.day ? <p class="explain">{calc.day}</p> : null}
        </div>
      ) : null}
    </section>
  );
}

function AdminForms({ ctx }: { ctx: PageCtx }) {
  return (
    <>
      <section class="card">
        <h2>录入全年节假日安排</h2>
        <p class="muted">粘贴国务院办公厅《关于20XX年部分节假日安排的通知》全文，或 JSON 格式的年份数据。保存后，各社区受影响的应公开日期会重新计算，并注明变动原因。</p>
        <form method="post" action="/staff/calendar/import" class="stack">
          <Csrf ctx={ctx} />
          <label>
            通知全文或 JSON
            <textarea name="text" rows={8} required maxLength={20000} />
          </label>
          <label>
            年份（通知标题中没有年份时填写）
            <input name="year" type="number" min={2004} max={2100} inputMode="numeric" />
          </label>
          <button type="submit" class="button">
            导入
          </button>
        </form>
      </section>
      <section class="card">
        <h2>更正某一天</h2>
        <form method="post" action="/staff/calendar/correct" class="stack narrow">
          <Csrf ctx={ctx} />
          <label>
            日期
            <input type="date" name="date" required />
          </label>
          <fieldset>
            <legend>这一天是</legend>
            <label class="check">
              <input type="radio" name="kind" value="holiday" checked required /> 放假（法定节假日或补休）
            </label>
            <label class="check">
              <input type="radio" name="kind" value="workday" required /> 上班（调休上班，或取消原定的放假）
            </label>
          </fieldset>
          <label>
            节日名称（例如 国庆节）
            <input name="name" required maxLength={20} />
          </label>
          <button type="submit" class="button">
            保存更正
          </button>
        </form>
      </section>
    </>
  );
}

/** A few dates in full; a whole year's notice as a count. */
function summary(days: { date: string; name: string }[]): string {
  if (days.length === 0) return '—';
  if (days.length <= 4) return days.map((d) => `${d.date}（${d.name}）`).join('、');
  return `${days.length} 天（${days[0]!.date} 至 ${days.at(-1)!.date}）`;
}

/** The working-day calendar: a calculator for everyone, corrections for district admins. */
export function CalendarPage({ ctx, knownYears, entries, calc, canEdit, error, ok }: Props) {
  return (
    <Layout ctx={ctx} title="工作日历">
      <p class="breadcrumb">
        <a href="/staff">工作台</a> › 工作日历
      </p>
      <h1>工作日历</h1>
      <p>
        已知 {knownYears[0]} 年至 {knownYears.at(-1)} 年的节假日安排。超出已知年份的期限不作推算，会提示“某年节假日安排尚未公布或录入”。
      </p>
      {ok ? <p class="notice notice-ok">{ok}</p> : null}
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <Calculator calc={calc} />
      {canEdit ? <AdminForms ctx={ctx} /> : <p class="muted">节假日安排和更正由区县管理员录入。</p>}
      {entries.length > 0 ? (
        <div class="table-scroll">
          <table>
            <caption>管理员录入的年份和更正（后录入的优先）</caption>
            <thead>
              <tr>
                <th scope="col">年份</th>
                <th scope="col">放假</th>
                <th scope="col">上班</th>
                <th scope="col">来源</th>
                <th scope="col">录入</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{e.year}</td>
                  <td>{summary(e.data.holidays)}</td>
                  <td>{summary(e.data.workdays)}</td>
                  <td>{e.source}</td>
                  <td>
                    {e.enteredBy}，{chineseDateTime(e.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Layout>
  );
}
