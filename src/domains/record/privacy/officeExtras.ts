import { readZipEntry, zipEntries } from './zipEntries.ts';

/**
 * The parts of an Office file that the body readers (mammoth, exceljs) leave out, yet that
 * anyone who downloads the file can open: a footer reading "联系人：张三 13812345678" leaks as
 * surely as the body. Read straight from the archive so the scanner sees them too:
 *
 * - Word: headers, footers, foot/endnotes, comments; in the body, tracked deletions
 *   (`w:delText`, shown by "显示修订") and field codes (`w:instrText`, shown by Alt+F9).
 * - Excel: cell notes and threaded comments.
 * - Both: document properties (author, title, company, custom properties).
 */
const WORD_PARTS = /^word\/(?:header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/;
const EXCEL_PARTS = /^xl\/(?:comments\d*\.xml|threadedComments\/[^/]+\.xml)$/;
const PROPERTY_PARTS = /^docProps\/(?:core|app|custom)\.xml$/;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16) || 0xfffd);
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)) || 0xfffd);
    return ENTITIES[ref] ?? '';
  });
}

/** One line per Word paragraph: the text runs matched by `runs`, tabs as tabs; empty lines dropped. */
function paragraphLines(xml: string, runs: RegExp, splitAt: string): string[] {
  const lines: string[] = [];
  for (const paragraph of xml.split(splitAt)) {
    let line = '';
    for (const m of paragraph.matchAll(runs)) line += decodeEntities(m[1] ?? m[2] ?? '\t');
    if (line.trim() !== '') lines.push(line);
  }
  return lines;
}

const WORD_TEXT = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g;
/** Tracked deletions and field codes, complex (`w:instrText`) or simple (`w:fldSimple w:instr="…"`). */
const WORD_HIDDEN = /<w:(?:delText|instrText)(?:\s[^>]*)?>([^<]*)<\/w:(?:delText|instrText)>|\sw:instr="([^"]*)"/g;
/** Excel note text (`<t>`) and threaded comment text (`<text>`). */
const EXCEL_TEXT = /<(?:t|text)(?:\s[^>]*)?>([^<]*)<\/(?:t|text)>/g;
/** Every element's text in a properties part. */
const ANY_TEXT = />([^<]+)</g;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z?$/;

/**
 * A property with fewer than 11 digits (application version, page count) or a time stamp
 * (created, modified) cannot hold a personal number; leaving them out keeps the text readable.
 */
function mayHoldNumber(line: string): boolean {
  const text = line.trim();
  return (text.match(/\d/g)?.length ?? 0) >= 11 && !TIMESTAMP.test(text);
}

function partLines(name: string, xml: string): string[] {
  if (WORD_PARTS.test(name)) return paragraphLines(xml, WORD_TEXT, '</w:p>');
  if (name === 'word/document.xml') return paragraphLines(xml, WORD_HIDDEN, '</w:p>');
  if (EXCEL_PARTS.test(name)) return paragraphLines(xml, EXCEL_TEXT, '</comment>');
  if (PROPERTY_PARTS.test(name)) return [...xml.matchAll(ANY_TEXT)].map((m) => decodeEntities(m[1] as string)).filter(mayHoldNumber);
  return [];
}

/** Text of the parts the body readers skip, in archive order; empty when there are none. */
export function officeExtraText(bytes: Uint8Array): string {
  const decoder = new TextDecoder();
  const lines: string[] = [];
  for (const entry of zipEntries(bytes) ?? []) {
    if (!isExtraPart(entry.name)) continue;
    const content = readZipEntry(bytes, entry);
    if (content !== null) lines.push(...partLines(entry.name, decoder.decode(content)));
  }
  return lines.join('\n');
}

function isExtraPart(name: string): boolean {
  return WORD_PARTS.test(name) || EXCEL_PARTS.test(name) || PROPERTY_PARTS.test(name) || name === 'word/document.xml';
}
