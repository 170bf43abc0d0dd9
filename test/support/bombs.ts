/**
 * Hostile files built in memory for the denial-of-service tests: a few hundred kilobytes that
 * expand to hundreds of megabytes. Built from a repeated chunk streamed through zlib, so the
 * test never holds the expanded bytes itself and no large binary is committed.
 */
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createDeflate, createDeflateRaw } from 'node:zlib';

const MB = 1024 * 1024;

/** `head`, then `chunk` repeated until about `size` bytes, then `tail`, deflated (raw or zlib). */
async function deflateRepeated(head: string, chunk: string, size: number, tail: string, raw: boolean): Promise<Buffer> {
  const unit = Buffer.from(chunk.repeat(Math.max(1, Math.floor(MB / chunk.length))));
  const times = Math.ceil(size / unit.length);
  function* parts(): Generator<Buffer> {
    yield Buffer.from(head);
    for (let i = 0; i < times; i += 1) yield unit;
    yield Buffer.from(tail);
  }
  return buffer(Readable.from(parts()).pipe(raw ? createDeflateRaw({ level: 9 }) : createDeflate({ level: 9 })));
}

export interface ZipPart {
  name: string;
  data: Buffer;
  /** The size written in the headers; a liar's archive says less than it holds. */
  declaredSize: number;
  deflated: boolean;
}

/** A minimal zip writer: local headers, data, central directory. CRCs are left 0: nothing checks them first. */
export function writeZip(parts: ZipPart[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.deflated ? 8 : 0, 8);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(part.deflated ? 8 : 0, 10);
    entry.writeUInt32LE(part.data.length, 20);
    entry.writeUInt32LE(part.declaredSize, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, name, part.data);
    central.push(entry, name);
    offset += local.length + name.length + part.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, directory, end]));
}

function stored(name: string, text: string): ZipPart {
  const data = Buffer.from(text);
  return { name, data, declaredSize: data.length, deflated: false };
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

const DOCX_RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** A .docx whose document.xml holds `sizeMb` megabytes of paragraphs; `lie` declares it 1 KB. */
export async function docxBomb(sizeMb: number, lie = false): Promise<Uint8Array> {
  const body = await deflateRepeated(
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
    '<w:p><w:r><w:t>公示</w:t></w:r></w:p>',
    sizeMb * MB,
    '</w:body></w:document>',
    true,
  );
  const declaredSize = lie ? 1024 : sizeMb * MB;
  return writeZip([
    stored('[Content_Types].xml', CONTENT_TYPES),
    stored('_rels/.rels', DOCX_RELS),
    { name: 'word/document.xml', data: body, declaredSize, deflated: true },
  ]);
}

/** An .xlsx whose one sheet holds `sizeMb` megabytes of rows. */
export async function xlsxBomb(sizeMb: number): Promise<Uint8Array> {
  const sheet = await deflateRepeated(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    '<row><c t="inlineStr"><is><t>公示</t></is></c></row>',
    sizeMb * MB,
    '</sheetData></worksheet>',
    true,
  );
  return writeZip([
    stored('[Content_Types].xml', CONTENT_TYPES),
    stored('xl/workbook.xml', '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="1" sheetId="1"/></sheets></workbook>'),
    { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize: sizeMb * MB, deflated: true },
  ]);
}

/** A one-page PDF whose content stream inflates to `sizeMb` megabytes of text operators. */
export async function pdfBomb(sizeMb: number): Promise<Uint8Array> {
  const stream = await deflateRepeated('BT /F1 12 Tf 72 720 Td ', '(A) Tj ', sizeMb * MB, ' ET', false);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const pieces: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let at = pieces[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(at);
    const piece = body === null
      ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n')])
      : Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`);
    pieces.push(piece);
    at += piece.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pieces.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(pieces));
}
