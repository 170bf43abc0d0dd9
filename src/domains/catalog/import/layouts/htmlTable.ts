/**
 * Reads the top-level <table> elements of simple generated HTML (mammoth's output) into grids,
 * with the paragraphs before each table. Spanned cells repeat their text in every grid position,
 * as merged cells do in .xlsx. Checkbox <input> tags are kept in the cell text for the channel parser.
 */

export interface HtmlTable {
  /** Text paragraphs between the previous table and this one (the title). */
  before: string[];
  rows: string[][];
}

interface SpanCell {
  text: string;
  colspan: number;
  rowspan: number;
}

interface State {
  depth: number;
  outside: string;
  tables: { before: string[]; rows: SpanCell[][] }[];
  row: SpanCell[] | null;
  cell: SpanCell | null;
}

const BREAK_TAGS = new Set(['p', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div']);

function attr(attrs: string, name: string): number {
  const m = new RegExp(`${name}\\s*=\\s*"?(\\d+)`, 'i').exec(attrs);
  return m ? Math.max(1, Number(m[1])) : 1;
}

function append(state: State, text: string): void {
  if (state.cell) state.cell.text += text;
  else if (state.depth === 0) state.outside += text;
}

function onTag(state: State, closing: boolean, tag: string, attrs: string, whole: string): void {
  if (tag === 'table') {
    if (!closing && ++state.depth === 1) {
      state.tables.push({ before: state.outside.split('\n').map((t) => t.trim()).filter(Boolean), rows: [] });
      state.outside = '';
    }
    if (closing) state.depth = Math.max(0, state.depth - 1);
    return;
  }
  const table = state.tables.at(-1);
  if (state.depth === 1 && tag === 'tr') {
    if (closing && state.row) table?.rows.push(state.row);
    state.row = closing ? null : [];
  } else if (state.depth === 1 && (tag === 'td' || tag === 'th')) {
    if (closing && state.cell) state.row?.push(state.cell);
    state.cell = closing ? null : { text: '', colspan: attr(attrs, 'colspan'), rowspan: attr(attrs, 'rowspan') };
  } else if (tag === 'input') {
    append(state, whole);
  } else if (BREAK_TAGS.has(tag)) {
    append(state, '\n');
  }
}

/** Lays spanned cells onto a grid, copying each cell's text into every position it covers. */
function toGrid(rows: SpanCell[][]): string[][] {
  const grid: string[][] = [];
  rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (grid[r]![c] !== undefined) c++;
      for (let dr = 0; dr < cell.rowspan; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < cell.colspan; dc++) grid[r + dr]![c + dc] = cell.text;
      }
      c += cell.colspan;
    }
  });
  return grid.slice(0, rows.length).map((row) => Array.from(row, (t) => t ?? ''));
}

export function parseHtmlTables(html: string): HtmlTable[] {
  const state: State = { depth: 0, outside: '', tables: [], row: null, cell: null };
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[4] !== undefined) append(state, m[4]);
    else onTag(state, m[1] === '/', (m[2] ?? '').toLowerCase(), m[3] ?? '', m[0]);
  }
  return state.tables.map((t) => ({ before: t.before, rows: toGrid(t.rows) }));
}
