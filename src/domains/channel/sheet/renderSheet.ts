/**
 * The printed bulletin sheet (公开栏张贴单) of a record, A4 or A3, and a community's month of them
 * as one PDF. Bulletin-board style: a red masthead, the title, the publicity period, body and
 * tables (headers repeated on every page), the community's name and date, and on every page a QR
 * code to the record's address so a reader can check the paper against the original online.
 */
import type { PublicRecordView } from '../../record/index.ts';
import { communityPath, recordUrl } from '../links.ts';
import { affairsWord, correctionText, paragraphs, periodText, publicityText, versionText, withdrawalText } from '../text.ts';
import { drawQr, openDocument, printable, type PaperSize } from './pdfKit.ts';
import { drawTable, type Frame } from './table.ts';
import { chineseDate, chineseDateOf } from '../../../platform/time.ts';

export interface SheetOptions {
  size: PaperSize;
  /** Where /r/<id> lives: PUBLIC_URL or the request's origin. */
  baseUrl: string;
}

interface Owner {
  url: string;
  label: string;
  record: string | null;
}

interface Ctx {
  doc: PDFKit.PDFDocument;
  scale: number;
  left: number;
  width: number;
  top: number;
  bottom: number;
  owners: Owner[];
  current: Owner;
}

const RED = '#b3261e';
const FOOTER = 84;

function open(size: PaperSize, title: string, drawn: unknown) {
  const scale = size === 'A3' ? Math.SQRT2 : 1;
  const margins = { top: 40 * scale, left: 50 * scale, right: 50 * scale, bottom: (40 + FOOTER) * scale };
  const { doc, done } = openDocument(size, title, margins, drawn);
  const ctx: Ctx = { doc, scale, left: margins.left, width: 0, top: margins.top, bottom: 0, owners: [], current: { url: '', label: '', record: null } };
  doc.on('pageAdded', () => {
    ctx.owners.push(ctx.current);
    ctx.width = doc.page.width - margins.left - margins.right;
    ctx.bottom = doc.page.height - margins.bottom;
  });
  return { ctx, done };
}

function frameOf(ctx: Ctx): Frame {
  return {
    doc: ctx.doc,
    left: ctx.left,
    scale: ctx.scale,
    get width() { return ctx.width; },
    get bottom() { return ctx.bottom; },
    newPage: () => {
      ctx.doc.addPage();
      return ctx.top;
    },
  };
}

function masthead(ctx: Ctx, text: string): void {
  const { doc, scale, left, width } = ctx;
  doc.font('bold').fontSize(24 * scale).fillColor(RED).text(text, left, ctx.top, { width, align: 'center', characterSpacing: 2 * scale });
  const y = doc.y + 4 * scale;
  doc.save().lineWidth(2.4 * scale).moveTo(left, y).lineTo(left + width, y).stroke(RED);
  doc.lineWidth(0.8 * scale).moveTo(left, y + 4 * scale).lineTo(left + width, y + 4 * scale).stroke(RED).restore();
  doc.fillColor('#000000');
  doc.y = y + 16 * scale;
}

function heading(ctx: Ctx, view: PublicRecordView): void {
  const { doc, scale, left, width } = ctx;
  doc.font('bold').fontSize(19 * scale).text(printable(view.title), left, doc.y, { width, align: 'center' });
  const meta = [`公开事项：${view.itemName}`, `发布日期：${chineseDateOf(view.publishedAt)}`, versionText(view)].filter(Boolean).join('　　');
  doc.moveDown(0.3).font('regular').fontSize(10 * scale).fillColor('#444444').text(meta, left, doc.y, { width, align: 'center' });
  const period = periodText(view);
  if (period) doc.text(period, left, doc.y, { width, align: 'center' });
  doc.fillColor('#000000').moveDown(0.6);
  const publicity = publicityText(view);
  const boxed = [withdrawalText(view), publicity ? `${publicity}。公示期内如有疑义，请向社区居务监督委员会反映，或扫描本页二维码查看网上原文。` : null, correctionText(view)];
  for (const text of boxed) if (text) notice(ctx, text);
}

/** A red-framed line the reader must not miss: publicity period, correction, withdrawal. */
function notice(ctx: Ctx, text: string): void {
  const { doc, scale, left, width } = ctx;
  doc.font('bold').fontSize(11 * scale);
  const h = doc.heightOfString(printable(text), { width: width - 16 * scale }) + 12 * scale;
  if (doc.y + h > ctx.bottom) doc.addPage();
  const top = doc.y;
  doc.save().lineWidth(1 * scale).rect(left, top, width, h).stroke(RED).restore();
  doc.fillColor(RED).text(printable(text), left + 8 * scale, top + 6 * scale, { width: width - 16 * scale });
  doc.fillColor('#000000');
  doc.y = top + h + 8 * scale;
}

function body(ctx: Ctx, view: PublicRecordView): void {
  const { doc, scale, left, width } = ctx;
  const size = 12.5 * scale;
  doc.font('regular').fontSize(size);
  for (const p of paragraphs(view.bodyText)) {
    doc.text(printable(p), left, doc.y, { width, indent: 2 * size, lineGap: 4 * scale, paragraphGap: 6 * scale, align: 'justify' });
  }
  doc.moveDown(0.5);
}

function extras(ctx: Ctx, view: PublicRecordView): void {
  const { doc, scale, left, width } = ctx;
  let y = doc.y;
  for (const table of view.tables) y = drawTable(frameOf(ctx), table, y);
  doc.y = y;
  if (view.listWithdrawnNote) {
    doc.font('regular').fontSize(11 * scale).fillColor('#444444').text(printable(view.listWithdrawnNote), left, doc.y, { width });
    doc.fillColor('#000000').moveDown(0.5);
  }
  if (view.attachments.length > 0) {
    doc.font('bold').fontSize(11 * scale).text('附件：', left, doc.y, { width });
    doc.font('regular');
    view.attachments.forEach((a, i) => doc.text(`${i + 1}. ${printable(a.name)}（请扫码在网上查看）`, left + 2 * 11 * scale, doc.y, { width: width - 22 * scale }));
    doc.moveDown(0.5);
  }
}

function signature(ctx: Ctx, view: PublicRecordView): void {
  const { doc, scale, left, width } = ctx;
  if (doc.y + 48 * scale > ctx.bottom) doc.addPage();
  doc.font('regular').fontSize(12.5 * scale).text(view.communityName, left, doc.y + 10 * scale, { width: width - 12 * scale, align: 'right' });
  doc.text(chineseDateOf(view.publishedAt), left, doc.y + 2 * scale, { width: width - 12 * scale, align: 'right' });
}

function drawRecord(ctx: Ctx, view: PublicRecordView, baseUrl: string): void {
  ctx.current = { url: recordUrl(baseUrl, view.id), label: view.title, record: view.id };
  ctx.doc.addPage();
  masthead(ctx, `${view.communityName}${affairsWord(view.communityName)}`);
  heading(ctx, view);
  body(ctx, view);
  extras(ctx, view);
  signature(ctx, view);
}

/** QR, address and page numbers (counted per record) under every page. */
function footers(ctx: Ctx): void {
  const { doc, scale } = ctx;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const owner = ctx.owners[i]!;
    const same = ctx.owners.map((o, k) => (o === owner ? k : -1)).filter((k) => k >= 0);
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const top = doc.page.height - margin + 14 * scale;
    const qr = (FOOTER - 12) * scale;
    doc.save().lineWidth(0.5 * scale).moveTo(ctx.left, top - 6 * scale).lineTo(ctx.left + ctx.width, top - 6 * scale).stroke('#999999').restore();
    drawQr(doc, owner.url, ctx.left, top, qr);
    const tx = ctx.left + qr + 10 * scale;
    const tw = ctx.width - qr - 10 * scale;
    doc.font('bold').fontSize(10 * scale).fillColor('#000000').text(owner.record ? '扫码查看网上原文、附件和更正记录' : '扫码查看本社区全部公开内容', tx, top + 6 * scale, { width: tw });
    doc.font('regular').fontSize(8.5 * scale).fillColor('#333333').text(owner.url, tx, doc.y + 2 * scale, { width: tw });
    doc.text(`第 ${same.indexOf(i) + 1} 页 / 共 ${same.length} 页`, tx, doc.y + 2 * scale, { width: tw });
    doc.fillColor('#000000');
    doc.page.margins.bottom = margin;
  }
}

/** `view` comes guarded (print.ts): guard.ts would bring the record domain into the worker. */
export async function renderSheetPdf(view: PublicRecordView, opts: SheetOptions): Promise<Buffer> {
  const { ctx, done } = open(opts.size, view.title, view);
  drawRecord(ctx, view, opts.baseUrl);
  footers(ctx);
  ctx.doc.end();
  return done;
}

export interface BoardInput {
  communityCode: string;
  communityName: string;
  /** 'YYYY-MM' */
  month: string;
  views: PublicRecordView[];
}

function cover(ctx: Ctx, board: BoardInput, monthText: string, baseUrl: string): void {
  ctx.current = { url: baseUrl + communityPath(board.communityCode), label: board.communityName, record: null };
  ctx.doc.addPage();
  const { doc, scale, left, width } = ctx;
  masthead(ctx, `${board.communityName}${affairsWord(board.communityName)}`);
  doc.font('bold').fontSize(19 * scale).text(`${monthText}公开栏汇编`, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.4).font('regular').fontSize(11 * scale).fillColor('#444444').text(`共 ${board.views.length} 条公开内容，按发布日期排列。`, left, doc.y, { width, align: 'center' });
  doc.fillColor('#000000').moveDown(0.8);
  const rows = board.views.map((v, i) => [String(i + 1), v.title, v.itemName, chineseDateOf(v.publishedAt), v.publicityEndsOn ? `至${chineseDate(v.publicityEndsOn)}` : '—']);
  const table = { caption: '目录', columns: [{ name: '序号', type: 'integer' as const }, { name: '标题', type: 'text' as const }, { name: '公开事项', type: 'text' as const }, { name: '发布日期', type: 'date' as const }, { name: '公示期', type: 'date' as const }], rows };
  doc.y = drawTable(frameOf(ctx), table, doc.y);
}

export async function renderBoardPdf(board: BoardInput, opts: SheetOptions): Promise<Buffer> {
  const [y, m] = board.month.split('-').map(Number);
  const monthText = `${y}年${m}月`;
  const views = [...board.views].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
  const { ctx, done } = open(opts.size, `${board.communityName}${monthText}公开栏汇编`, board);
  cover(ctx, { ...board, views }, monthText, opts.baseUrl);
  for (const view of views) drawRecord(ctx, view, opts.baseUrl);
  footers(ctx);
  ctx.doc.end();
  return done;
}
