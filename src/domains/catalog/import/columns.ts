/**
 * Builds the column model from the header rows. Group headers (公开事项, 公开对象, 公开方式,
 * 公开层级) may span several sub-columns; where the sub-header does not say how many (blank
 * cells in a flattened Word table), the spans are inferred from the data rows by meaning.
 */
import { cellLabel, isSubLabel } from './header.ts';
import { GROUP_FIELDS, MAX_SPAN, groupOf, normalizeLabel, resolveLabel, scoreLabel, type Field, type Label } from './labels.ts';
import { scoreRow, type Column } from './recognizers.ts';
import type { RawRow } from './types.ts';

interface Group {
  field: Field;
  label: string;
  /** Sub-column preset by a top-level sub label (a header cell that reads 全社会). */
  presetSub: string | null;
  span: number;
  /** Span known from the header itself (merged cells, labelled sub-columns). */
  fixed: boolean;
  subs: (Label | null)[];
  score: number;
}

export interface ColumnModel {
  columns: Column[];
  /** Groups whose sub-columns were inferred from the data, for a warning. */
  inferred: Field[];
}

function groupsFromHeader(header: RawRow): Group[] {
  const groups: Group[] = [];
  for (const cell of header.cells) {
    const text = cellLabel(cell.text);
    const last = groups.at(-1);
    const extendsLast = last && (text === '' ? GROUP_FIELDS.includes(last.field) : normalizeLabel(text) === normalizeLabel(last.label));
    if (last && extendsLast) {
      last.span++;
      last.fixed = true;
      continue;
    }
    const label = text === '' ? null : resolveLabel(text);
    const score = text === '' ? 0 : (scoreLabel(text)?.score ?? 0);
    groups.push({ field: label?.field ?? 'unknown', label: text, presetSub: label?.sub ?? null, span: 1, fixed: false, subs: [], score });
  }
  return groups;
}

/** True when every sub-column label sits under the group it belongs to (一级事项 under 公开事项). */
function linesUp(groups: Group[], texts: string[]): boolean {
  const total = groups.reduce((n, g) => n + g.span, 0);
  if (texts.length < total || texts.slice(total).some((t) => t !== '')) return false;
  const owners = groups.flatMap((g) => Array<Field>(g.span).fill(g.field));
  return texts.every((text, i) => {
    const label = resolveLabel(text);
    if (!isSubLabel(label) || !label) return true;
    const owner = owners[i];
    return owner === (label.sub ? label.field : groupOf(label)) || owner === label.field;
  });
}

/** Reads sub-column labels: by position when the sub-header lines up, otherwise by meaning. */
function applySubHeader(groups: Group[], sub: RawRow): void {
  const texts = sub.cells.map((c) => cellLabel(c.text));
  if (linesUp(groups, texts)) {
    let at = 0;
    for (const group of groups) {
      group.subs = texts.slice(at, at + group.span).map((t) => (isSubLabel(resolveLabel(t)) ? resolveLabel(t) : null));
      group.fixed = true;
      at += group.span;
    }
    return;
  }
  for (const text of texts) {
    const label = resolveLabel(text);
    if (!label || !isSubLabel(label)) continue;
    const group = groups.find((g) => g.field === (label.sub ? label.field : groupOf(label)) && GROUP_FIELDS.includes(g.field));
    if (group) group.subs.push(label);
  }
  for (const group of groups) {
    if (group.subs.length > 0) {
      group.span = Math.max(group.span, group.subs.length);
      group.fixed = true;
    }
  }
}

/** All ways to widen the open groups by `extra` columns in total, within their maximum spans. */
function* spreads(groups: Group[], extra: number, from = 0): Generator<number[]> {
  if (from === groups.length) {
    if (extra === 0) yield [];
    return;
  }
  const group = groups[from]!;
  const room = group.fixed || !GROUP_FIELDS.includes(group.field) ? 0 : (MAX_SPAN[group.field] ?? 1) - group.span;
  for (let add = 0; add <= Math.min(room, extra); add++) {
    for (const rest of spreads(groups, extra - add, from + 1)) yield [add, ...rest];
  }
}

function inferSpans(groups: Group[], rows: RawRow[], width: number): Field[] {
  const extra = width - groups.reduce((n, g) => n + g.span, 0);
  if (extra <= 0) return [];
  const sample = rows.filter((r) => r.cells.length === width).slice(0, 30);
  let best: { adds: number[]; score: number } | null = null;
  for (const adds of spreads(groups, extra)) {
    const widened = groups.map((g, i) => ({ ...g, span: g.span + (adds[i] ?? 0) }));
    const columns = toColumns(widened);
    const fit = sample.reduce((sum, row) => sum + scoreRow(columns, row.cells.map((c) => c.text)), 0);
    // When the data cannot tell, the usual shape of the national template wins.
    const usual = widened.filter((g) => USUAL_SPAN[g.field] === g.span).length * 0.01;
    const score = fit + usual;
    if (!best || score > best.score) best = { adds, score };
  }
  if (!best) return [];
  const inferred: Field[] = [];
  groups.forEach((group, i) => {
    const add = best.adds[i] ?? 0;
    group.span += add;
    if (add > 0) inferred.push(group.field);
  });
  return inferred;
}

const USUAL_SPAN: Partial<Record<Field, number>> = { item: 3, audience: 2, method: 2, level: 3 };

const DEFAULT_SUBS: Partial<Record<Field, (Field | string | null)[][]>> = {
  item: [[], ['name'], ['category', 'name'], ['domain', 'category', 'name']],
  audience: [[], [null], ['society', 'specific']],
  method: [[], [null], ['proactive', 'onRequest']],
  level: [[], [null], ['乡级', '村级'], ['县级', '乡级', '村级'], ['市级', '县级', '乡级', '村级']],
};

function groupColumns(group: Group): Column[] {
  const labelled = group.subs.length === group.span && group.subs.every((s) => s !== null);
  const defaults = DEFAULT_SUBS[group.field]?.[group.span];
  return Array.from({ length: group.span }, (_, i) => {
    const sub = labelled ? group.subs[i] : null;
    if (group.field === 'item') {
      const field = (sub ? sub.field : (defaults?.[i] ?? 'name')) as Field;
      return { field, sub: null, label: group.label, score: group.score };
    }
    const subKey = sub ? sub.sub : group.span === 1 ? group.presetSub : (defaults?.[i] ?? null);
    return { field: group.field, sub: subKey as string | null, label: group.label, score: group.score };
  });
}

function toColumns(groups: Group[]): Column[] {
  return groups.flatMap(groupColumns);
}

/** The usual number of cells of a data row (page-break copies of the header are already gone). */
function modalWidth(rows: RawRow[]): number {
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row.cells.length, (counts.get(row.cells.length) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

export function buildColumns(header: RawRow, sub: RawRow | null, dataRows: RawRow[]): ColumnModel {
  const groups = groupsFromHeader(header);
  if (sub) applySubHeader(groups, sub);
  const inferred = inferSpans(groups, dataRows, modalWidth(dataRows));
  return { columns: toColumns(groups), inferred };
}
