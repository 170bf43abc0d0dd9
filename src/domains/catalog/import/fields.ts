/** Splits list-like cells (公开依据, 公开主体, 公开渠道和载体) into their entries. */
import { cleanCellText, decodeEntities, isPlaceholder } from './cleanText.ts';

const LIST_NUMBER = /(^|[\s；;，,。、])\d{1,2}\s*[.．、](?!\d)\s*/g;
const EDGE_SEPARATORS = /^[\s、，,；;。]+|[\s、，,；;。]+$/g;

/** Splits text at each 《 that opens a title at nesting depth 0 (titles may quote other titles). */
function splitAtTitles(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '《' && depth === 0 && current.trim() !== '') {
      parts.push(current);
      current = '';
    }
    if (ch === '《') depth++;
    if (ch === '》') depth = Math.max(0, depth - 1);
    current += ch;
  }
  parts.push(current);
  return parts;
}

/** 1. 《A》 2. 《B》 or 《A》、《B》 → ['《A》', '《B》']; each document keeps its 文号 (国办发〔2019〕54号). */
export function splitLegalBasis(text: string): string[] {
  if (isPlaceholder(text)) return [];
  const unnumbered = text.replace(LIST_NUMBER, '$1');
  const parts = unnumbered.includes('《') ? splitAtTitles(unnumbered) : unnumbered.split(/[\n；;]+/);
  return parts
    .map((part) => part.replace(/\s*\n\s*/g, ' ').replace(EDGE_SEPARATORS, ''))
    .filter((part) => part !== '' && !/^(?:根据|依据|依照|按照)$/.test(part));
}

/** 公开主体: one body per line, or separated by 、，； or spaces. */
export function splitBodies(text: string): string[] {
  if (isPlaceholder(text)) return [];
  return text
    .split(/[\n、，,；;]+|\s+/)
    .map((part) => part.replace(EDGE_SEPARATORS, ''))
    .filter((part) => part !== '');
}

export type Channel = { name: string; selected: boolean | null };

export const CHECKED_MARKS = '■☑☒√✓✔▣';
const MARKS = `${CHECKED_MARKS}□☐`;

/** Channels written as HTML checkboxes: <input checked="" type="checkbox"/> 为民服务站. */
function channelsFromInputs(raw: string): Channel[] {
  const result: Channel[] = [];
  const re = /<input\b([^>]*)>([^<]*)/gi;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const name = cleanCellText(decodeEntities(m[2] ?? '')).replace(EDGE_SEPARATORS, '');
    if (name !== '') result.push({ name, selected: /\bchecked\b/i.test(m[1] ?? '') });
  }
  return result;
}

/** Channels with check marks before (■政府网站 □微信群) or after (政府网站√) each name. */
function channelsFromMarks(text: string): Channel[] {
  const prefixed = new RegExp(`^[${MARKS}]`).test(text.trim());
  const re = prefixed
    ? new RegExp(`([${MARKS}])\\s*([^${MARKS}\\n、，,；;]*)`, 'g')
    : new RegExp(`([^${MARKS}\\n、，,；;]+?)\\s*([${MARKS}])`, 'g');
  const result: Channel[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [mark, name] = prefixed ? [m[1], m[2]] : [m[2], m[1]];
    const clean = (name ?? '').replace(EDGE_SEPARATORS, '');
    if (clean !== '') result.push({ name: clean, selected: CHECKED_MARKS.includes(mark ?? '') });
  }
  return result;
}

/** Parses a 公开渠道和载体 cell; `raw` still holds any HTML the cleaner would remove. */
export function parseChannels(raw: string, cleaned: string): Channel[] {
  if (/<input\b/i.test(raw)) return channelsFromInputs(raw);
  if (new RegExp(`[${MARKS}]`).test(cleaned)) return channelsFromMarks(cleaned);
  if (isPlaceholder(cleaned)) return [];
  return cleaned
    .split(/[\n、，,；;]+|(?<=\p{Script=Han}|[）)])\s+(?=\p{Script=Han})/u)
    .map((part) => part.replace(EDGE_SEPARATORS, ''))
    .filter((part) => part !== '')
    .map((name) => ({ name, selected: null }));
}
