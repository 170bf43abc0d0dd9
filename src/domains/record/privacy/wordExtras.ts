import { readZipEntry, zipEntries } from './zipEntries.ts';

/**
 * mammoth's raw text leaves out headers, footers, footnotes, endnotes and comments, yet a
 * footer reading "联系人：张三 13812345678" leaks as surely as the body. This reads those
 * parts straight from the .docx so the scanner sees them too.
 */
const EXTRA_PART = /^word\/(?:header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return ENTITIES[ref] ?? '';
  });
}

/** One line per Word paragraph: the text runs, tabs as tabs; empty paragraphs dropped. */
function wordXmlText(xml: string): string[] {
  const lines: string[] = [];
  for (const paragraph of xml.split('</w:p>')) {
    let line = '';
    for (const m of paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)) {
      line += m[1] === undefined ? '\t' : decodeEntities(m[1]);
    }
    if (line.trim() !== '') lines.push(line);
  }
  return lines;
}

/** Text of the parts mammoth skips, in archive order; empty when there are none. */
export function docxExtraText(bytes: Uint8Array): string {
  const decoder = new TextDecoder();
  const lines: string[] = [];
  for (const entry of zipEntries(bytes) ?? []) {
    if (!EXTRA_PART.test(entry.name)) continue;
    const content = readZipEntry(bytes, entry);
    if (content !== null) lines.push(...wordXmlText(decoder.decode(content)));
  }
  return lines.join('\n');
}
