/**
 * Cuts one record into full-screen pages: title, body paragraphs (split at line boundaries) and
 * tables (split between rows, caption and header row repeated on every page), so nothing ever
 * needs scrolling. Column widths are fixed here and sent to the browser, so the estimate holds.
 */
import type { ColumnType, PublicRecordView, PublicTable } from '../../record/index.ts';
import { correctionText, paragraphs } from '../text.ts';
import { contentBox, GEOMETRY, type Geometry, type Orientation } from './geometry.ts';
import { emWidth, lineCount, wrap } from './measure.ts';

export type Align = 'left' | 'center' | 'right';

export type Block =
  | { kind: 'title'; text: string; continued: boolean }
  | { kind: 'para'; text: string; indent: boolean }
  | { kind: 'note'; text: string }
  | { kind: 'table'; caption: string; continued: boolean; /** type size relative to the body text */ em: number; columns: { name: string; align: Align }[]; widths: number[]; rows: string[][] };

export interface ScreenPage {
  blocks: Block[];
  page: number;
  pages: number;
}

const ALIGN: Record<ColumnType, Align> = { text: 'left', person_name: 'center', id_number: 'center', phone: 'center', public_phone: 'center', amount: 'right', date: 'center', integer: 'center' };
const MIN_TABLE_PX = 24;

class Pager {
  pages: Block[][] = [[]];
  used = 0;
  readonly room: number;
  constructor(readonly g: Geometry, readonly title: string) {
    this.room = Math.floor(contentBox(g).height * 0.96);
  }
  get left(): number {
    return this.room - this.used;
  }
  add(block: Block, height: number): void {
    this.pages.at(-1)!.push(block);
    this.used += height;
  }
  /** A new page starts with the title again, marked 续. */
  next(): void {
    this.pages.push([]);
    this.used = 0;
    this.add({ kind: 'title', text: this.title, continued: true }, contHeight(this.g));
  }
}

const titleHeight = (g: Geometry, text: string, widthEm: number) => lineCount(text, widthEm) * g.title * 1.3 + 20;
const contHeight = (g: Geometry) => Math.ceil(g.body * 0.8 * 1.4) + 16;
const paraLine = (g: Geometry) => g.body * g.lineHeight;
const paraGap = (g: Geometry) => g.body * 0.4;

function addParagraph(p: Pager, text: string, widthEm: number): void {
  let lines = wrap(text, widthEm, 2);
  let indent = true;
  while (lines.length > 0) {
    const fit = Math.floor((p.left - paraGap(p.g)) / paraLine(p.g));
    if (fit < 1) {
      p.next();
      continue;
    }
    const take = lines.slice(0, fit);
    p.add({ kind: 'para', text: take.join(''), indent }, take.length * paraLine(p.g) + paraGap(p.g));
    lines = lines.slice(fit);
    indent = false;
    if (lines.length > 0) p.next();
  }
}

function addNote(p: Pager, text: string, widthPx: number): void {
  const size = p.g.body * 0.85;
  const h = lineCount(text, (widthPx - 46) / size) * size * 1.4 + 30 + 16;
  if (h > p.left) p.next();
  p.add({ kind: 'note', text }, h);
}

const ZWSP = '\u200b';

/** Where a cell may wrap on a narrow screen: a masked ID after its region, a mobile after 3 digits. */
export function breakable(type: ColumnType, value: string): string {
  if (type === 'id_number' && value.length >= 15) return value.slice(0, 6) + ZWSP + value.slice(6);
  if (type === 'phone' && /^\d{3}[*\d]{8}$/.test(value)) return value.slice(0, 3) + ZWSP + value.slice(3);
  return value;
}

/** The narrowest a cell may get: its longest unbreakable piece (free text: 4 em). */
function minEm(type: ColumnType, value: string): number {
  if (type === 'text') return Math.min(4, emWidth(value));
  return Math.max(0, ...value.split(/[\s\u200b]+/).map(emWidth));
}

/**
 * Column widths in em at `size` px: all on one line when they fit; otherwise every column gets
 * at least its narrowest (IDs and mobiles break at one fixed place, headers wrap, free text
 * wraps anywhere) and the rest is shared by how much more each would like. Null when even the
 * narrowest do not fit (the caller then tries a smaller type size).
 */
export function tableWidths(table: PublicTable, widthPx: number, size: number, padX: number): { widths: number[]; wrap: boolean } | null {
  const total = widthPx / size;
  const pad = (2 * padX + 2) / size + 0.3;
  const cells = (i: number) => table.rows.map((r) => breakable(table.columns[i]!.type, r[i] ?? ''));
  const natural = table.columns.map((c, i) => Math.min(18, Math.max(emWidth(c.name), ...cells(i).map(emWidth))) + pad);
  const sum = natural.reduce((a, b) => a + b, 0);
  if (sum <= total) return { widths: natural.map((w) => (w * total) / sum), wrap: false };
  const least = table.columns.map((c, i) => Math.max(Math.min(2, emWidth(c.name)), ...cells(i).map((v) => minEm(c.type, v))) + pad);
  const floor = least.reduce((a, b) => a + b, 0);
  if (floor > total) return null;
  const want = natural.map((w, i) => w - least[i]!);
  const wanted = want.reduce((a, b) => a + b, 0);
  return { widths: least.map((w, i) => w + ((total - floor) * want[i]!) / wanted), wrap: true };
}

function rowHeight(g: Geometry, cells: string[], widths: number[], size: number): number {
  const pad = (2 * g.cellPadX + 2) / size + 0.3;
  const lines = Math.max(...cells.map((c, i) => lineCount(c || ' ', widths[i]! - pad + 1)));
  return lines * size * g.tableLineHeight + 2 * g.cellPadY + 2;
}

function addTable(p: Pager, table: PublicTable, widthPx: number): void {
  const g = p.g;
  let size = g.table;
  let plan = tableWidths(table, widthPx, size, g.cellPadX);
  while (!plan && size > MIN_TABLE_PX) plan = tableWidths(table, widthPx, (size -= 2), g.cellPadX);
  plan ??= { widths: table.columns.map(() => widthPx / size / table.columns.length), wrap: true };
  const w = plan.widths;
  const cell = (type: ColumnType, value: string) => (plan.wrap ? breakable(type, value) : value);
  const sum = w.reduce((a, b) => a + b, 0);
  const percent = w.map((x) => Math.round((x / sum) * 10000) / 100);
  const columns = table.columns.map((c) => ({ name: c.name, align: ALIGN[c.type] }));
  const captionH = size * 1.4 + 12;
  const headerH = rowHeight(g, columns.map((c) => c.name), w, size);
  const start = (continued: boolean): Extract<Block, { kind: 'table' }> => {
    const block = { kind: 'table' as const, caption: table.caption || '附表', continued, em: Math.round((size / g.body) * 1000) / 1000, columns, widths: percent, rows: [] as string[][] };
    p.add(block, captionH + headerH + 16);
    return block;
  };
  const first = table.rows[0] ? rowHeight(g, table.rows[0].map((v, i) => cell(table.columns[i]?.type ?? 'text', v)), w, size) : 0;
  if (captionH + headerH + first + 16 > p.left) p.next();
  let block = start(false);
  for (const row of table.rows) {
    const h = rowHeight(g, row.map((v, i) => cell(table.columns[i]?.type ?? 'text', v)), w, size);
    if (h > p.left && block.rows.length > 0) {
      p.next();
      block = start(true);
    }
    block.rows.push(row.map((value, i) => cell(table.columns[i]?.type ?? 'text', value)));
    p.used += h;
  }
}

export function paginate(view: PublicRecordView, orientation: Orientation): ScreenPage[] {
  const g = GEOMETRY[orientation];
  const box = contentBox(g);
  const bodyEm = box.width / g.body;
  const p = new Pager(g, view.title);
  p.add({ kind: 'title', text: view.title, continued: false }, titleHeight(g, view.title, box.width / g.title));
  const note = correctionText(view);
  if (note) addNote(p, note, box.width);
  for (const para of paragraphs(view.bodyText)) addParagraph(p, para, bodyEm);
  for (const table of view.tables) addTable(p, table, box.width);
  if (view.listWithdrawnNote) addNote(p, view.listWithdrawnNote, box.width);
  const pages = p.pages.filter((blocks) => blocks.some((b) => b.kind !== 'title' || !b.continued));
  return pages.map((blocks, i) => ({ blocks, page: i + 1, pages: pages.length }));
}
