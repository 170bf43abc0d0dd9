/**
 * .docx documents. mammoth turns the document into HTML and resolves what makes Word tables hard
 * to read from word/document.xml directly: horizontal (gridSpan) and vertical (vMerge) merges
 * become colspan/rowspan, runs and fields are joined, legacy and content-control checkboxes
 * become <input type="checkbox">, symbol fonts are mapped. Reading the XML ourselves would mean
 * a zip and an XML parser of our own plus all of that. `line` is the row number in the table.
 */
import { CatalogImportError, type RawRow, type RawTable } from '../types.ts';
import { parseHtmlTables } from './htmlTable.ts';

const DOCX = 'docx';

/** One raw table per Word table, each headed by the paragraphs written above it. */
export async function readDocx(bytes: Uint8Array): Promise<RawTable[]> {
  let html: string;
  try {
    html = (await (await import('mammoth')).default.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (error) {
    throw new CatalogImportError('无法读取这个 Word 文件：文件可能已损坏，或不是 .docx 格式', { cause: error });
  }
  return parseHtmlTables(html).map((table) => {
    const titleRows: RawRow[] = table.before.map((text) => ({ cells: [{ text, line: null }], line: null }));
    const rows: RawRow[] = table.rows.map((texts, i) => ({
      cells: texts.map((text) => ({ text, line: i + 1 })),
      line: i + 1,
    }));
    return { layout: DOCX, rows: [...titleRows, ...rows], warnings: [] };
  });
}
