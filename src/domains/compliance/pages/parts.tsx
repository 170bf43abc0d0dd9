import type { ComponentChildren } from 'preact';
import { STATUS_LABELS } from '../status.ts';
import { STATUSES, type Status } from '../types.ts';

/** A status in words with its colour; colour is never the only signal. */
export function StatusBadge({ status }: { status: Status }) {
  return <span class={`badge st-${status}`}>{STATUS_LABELS[status]}</span>;
}

/** The due date with its explanation right beside it (and why it moved, when it did). */
export function DueBlock({ dueText, explanation, movedNote, label = '应公开日期' }: { dueText: string; explanation: string; movedNote?: string | null; label?: string }) {
  return (
    <div class="due">
      <p class="due-date">
        {label}：<strong>{dueText}</strong>
      </p>
      <p class="explain">{explanation}</p>
      {movedNote ? <p class="moved">{movedNote}</p> : null}
    </div>
  );
}

export function StatusLegend() {
  return (
    <ul class="legend" aria-label="图例">
      {STATUSES.map((s) => (
        <li key={s}>
          <StatusBadge status={s} />
        </li>
      ))}
    </ul>
  );
}

/** “已逾期 3 · 即将到期 1 · …”, only the statuses present. */
export function CountSummary({ counts }: { counts: Partial<Record<Status, number>> }) {
  const present = STATUSES.filter((s) => counts[s]);
  if (present.length === 0) return <p class="muted">本期没有公开义务。</p>;
  return (
    <ul class="counts">
      {present.map((s) => (
        <li key={s} class={`st-${s}`}>
          {STATUS_LABELS[s]} <strong>{counts[s]}</strong>
        </li>
      ))}
    </ul>
  );
}

export function Notice({ error, ok }: { error?: string; ok?: string }) {
  return (
    <>
      {ok ? <p class="notice notice-ok">{ok}</p> : null}
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

export function Crumbs({ children }: { children: ComponentChildren }) {
  return (
    <p class="breadcrumb">
      <a href="/staff">工作台</a> › {children}
    </p>
  );
}

/** The month picker (GET form, works without JavaScript). */
export function PeriodForm({ action, period, label, yearOnly }: { action: string; period: string; label: string; yearOnly?: boolean }) {
  const year = period.slice(0, 4);
  const month = period.length === 7 ? period.slice(5, 7) : '';
  return (
    <form method="get" action={action} class="period-form">
      <label>
        年份
        <input name="year" type="number" min={2004} max={2100} value={year} inputMode="numeric" />
      </label>
      {yearOnly ? null : (
        <label>
          月份
          <select name="month">
            <option value="">全年</option>
            {Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0')).map((m) => (
              <option value={m} key={m} selected={m === month}>
                {Number(m)}月
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" class="button secondary">
        查看{label}
      </button>
    </form>
  );
}

/** 依申请/疑义 逾期: late answers and open cases past their date, e.g. “2（办理中逾期 1）”. */
export function caseLateText(c: { late: number; overdue: number }): string {
  const n = c.late + c.overdue;
  if (n === 0) return '0';
  return c.overdue > 0 ? `${n}（未答复 ${c.overdue}）` : String(n);
}

export const CASE_LATE_TITLE = '居民的依申请公开、查询和疑义：逾期后才答复的，加上已过答复期限仍未答复的';
