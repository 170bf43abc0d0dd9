import { createHash } from 'node:crypto';
import { markdownToText } from './markdown.ts';
import { maskText, scanText, type Finding } from './privacy/index.ts';
import type { AttachmentRow, VersionRow } from './repository.ts';
import { displayCell } from './tables/cells.ts';
import type { RecordTable } from './types.ts';

/** Where an unmasked personal number sits in a version. */
export interface Located {
  where: string;
  finding: Pick<Finding, 'kind' | 'masked'>;
}

type Content = Pick<VersionRow, 'title' | 'bodyMd' | 'tables'>;

/** Columns whose free text is scanned; ID and phone columns are stored masked, numbers are numbers. */
const FREE_TEXT = new Set(['text', 'person_name']);

function scanTables(tables: RecordTable[], today: Date): Located[] {
  const out: Located[] = [];
  tables.forEach((table, t) =>
    table.rows.forEach((row, r) => {
      table.columns.forEach((col, c) => {
        const cell = row[c];
        if (!FREE_TEXT.has(col.type) || typeof cell !== 'string') return;
        for (const f of scanText(cell, today)) out.push({ where: `表格${t + 1}第 ${r + 1} 行“${col.name}”列`, finding: f });
      });
      out.push(...acrossCells(table, row, today).map((f) => ({ where: `表格${t + 1}第 ${r + 1} 行（几个单元格连起来是一个号码，请直接改写）`, finding: f })));
    }),
  );
  return out;
}

/**
 * The public page reads a row across its cells ("440305" | "19761001789X" is one ID, see
 * present.ts), so the gate does too: numbers that span two or more cells of the row as
 * displayed. Those inside one free-text cell are already reported above.
 */
function acrossCells(table: RecordTable, row: RecordTable['rows'][number], today: Date): Finding[] {
  const cells = table.columns.map((c, i) => displayCell(c.type, row[i] ?? null));
  const line = cells.join('\t');
  const cellOf = (offset: number) => line.slice(0, offset).split('\t').length - 1;
  return scanText(line, today).filter((f) => cellOf(f.start) !== cellOf(Math.max(f.start, f.end - 1)));
}

/**
 * Numbers that only appear once the body is rendered (a link or other Markdown joining
 * harmless-looking pieces): the one-click mask cannot reach them in the source, so they are
 * reported for the editor to rewrite by hand.
 */
function renderedOnly(bodyMd: string, today: Date): Located[] {
  return scanText(markdownToText(maskText(bodyMd).text), today).map((f) => ({ where: '正文（显示时拼出的号码，请直接改写原文）', finding: f }));
}

/** Every personal number still written out in full: title, body, table text and readable attachments. */
export function findUnmasked(content: Content, attachments: AttachmentRow[], today: Date): Located[] {
  return [
    ...scanText(content.title, today).map((f) => ({ where: '标题', finding: f })),
    ...scanText(content.bodyMd, today).map((f) => ({ where: '正文', finding: f })),
    ...renderedOnly(content.bodyMd, today),
    ...scanTables(content.tables, today),
    ...attachments.flatMap((a) => a.findings.map((f) => ({ where: `附件“${a.fileName}”`, finding: { kind: f.kind as Finding['kind'], masked: f.masked } }))),
  ];
}

/** Identifies exactly the content a supervisor looked at when overriding. */
export function fingerprint(content: Content, attachments: AttachmentRow[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([content.title, content.bodyMd, content.tables]));
  for (const a of attachments) hash.update(`\n${a.sha256}`);
  return hash.digest('hex');
}

/** Is there a supervisor's override for exactly this content? */
export function overrideHolds(version: VersionRow, attachments: AttachmentRow[]): boolean {
  return !!version.privacyOverride && version.privacyOverride.fingerprint === fingerprint(version, attachments);
}

/** The editor's one-click fix: every number found in title, body and table text is masked in place. */
export function maskContent(content: Content): Content {
  const mask = (s: string) => maskText(s).text;
  return {
    title: mask(content.title),
    bodyMd: mask(content.bodyMd),
    tables: content.tables.map((t) => ({
      ...t,
      rows: t.rows.map((row) => row.map((cell, c) => (typeof cell === 'string' && FREE_TEXT.has(t.columns[c]?.type ?? '') ? mask(cell) : cell))),
    })),
  };
}

export const KIND_LABELS: Record<string, string> = { id_card: '身份证号', mobile: '手机号', bank_card: '银行卡号' };
