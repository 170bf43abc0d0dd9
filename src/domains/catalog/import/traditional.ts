/**
 * Converts Traditional Chinese cells to Simplified (opencc-js, character level) so that headers
 * such as 公開時限 are recognised and items read like the rest of the catalog.
 */
// The t2cn build carries only the Traditional → Simplified dictionaries (a tenth of the full build).
import { Converter } from 'opencc-js/t2cn';
import { warn } from './messages.ts';
import type { ImportWarning, RawRow } from './types.ts';

let converter: ((text: string) => string) | null = null;

export function toSimplified(text: string): string {
  const convert = (converter ??= Converter({ from: 't', to: 'cn' }));
  return convert(text);
}

/**
 * A few characters may legitimately differ in a Simplified text (variant forms), so the table
 * is converted only when the changes are more than incidental.
 */
function isTraditional(changed: number, han: number): boolean {
  return changed >= 3 || (changed >= 1 && changed / Math.max(1, han) >= 0.02);
}

export function convertTraditional(rows: RawRow[], warnings: ImportWarning[]): RawRow[] {
  let changed = 0;
  let han = 0;
  const examples = new Set<string>();
  const converted = rows.map((row) => ({
    ...row,
    cells: row.cells.map((cell) => {
      const text = toSimplified(cell.text);
      han += (cell.text.match(/\p{Script=Han}/gu) ?? []).length;
      for (let i = 0; i < text.length; i++) {
        if (text[i] === cell.text[i]) continue;
        changed++;
        if (examples.size < 3) examples.add(`“${cell.text[i]}”→“${text[i]}”`);
      }
      return text === cell.text ? cell : { ...cell, text, original: cell.text };
    }),
  }));
  if (!isTraditional(changed, han)) return rows;
  const sample = [...examples].join('、');
  warnings.push(warn(null, null, `文件使用繁体字，已将${changed}处繁体字转换为简体（如${sample}），请核对`));
  return converted;
}
