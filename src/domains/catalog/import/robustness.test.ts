/** Files that are not catalogs fail with a clear Chinese message, never with a TypeError or a stack trace. */
import { describe, expect, it } from 'vitest';
import { HEADER, tabText, utf8 } from './fixtures.ts';
import { CatalogImportError, MAX_IMPORT_BYTES, parseCatalogFile } from './index.ts';

const NOT_A_CATALOG = '无法识别为公开事项目录清单：未找到“公开事项”“公开时限”等表头';

/** Deterministic bytes that look like nothing (a linear congruential generator). */
function noise(length: number, seed = 7): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    bytes[i] = state >> 23;
  }
  return bytes;
}

/** Node has no GBK encoder: the two-byte table is built by decoding every code. */
function encodeGbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) table.set(decoder.decode(new Uint8Array([hi, lo])), [hi, lo]);
  }
  return new Uint8Array([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : (table.get(ch) ?? [0x3f]))));
}

async function failure(fileName: string, bytes: unknown): Promise<CatalogImportError> {
  try {
    await parseCatalogFile({ fileName, bytes: bytes as Uint8Array });
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogImportError);
    return error as CatalogImportError;
  }
  throw new Error('expected a CatalogImportError');
}

const CASES: [string, string, unknown, string | RegExp][] = [
  ['an empty file', 'empty.txt', new Uint8Array(0), '文件为空，没有可导入的内容'],
  ['blank lines only', 'blank.txt', utf8('\n \n\t\n'), '文件为空，没有可导入的内容'],
  ['binary bytes', 'data.bin', noise(4096), '文件不是文本、Excel（.xlsx）或 Word（.docx）格式，无法导入'],
  ['binary without zero bytes', 'data.bin', noise(4096).map((b) => b || 1), '文件不是文本、Excel（.xlsx）或 Word（.docx）格式，无法导入'],
  ['random text', 'notes.txt', utf8('今天天气很好，我们去公园散步。\n明天可能下雨，记得带伞。\n'.repeat(20)), NOT_A_CATALOG],
  ['an unrelated CSV', 'people.csv', utf8('姓名,年龄,城市\n张三,34,昆明\n李四,28,吉林\n'), NOT_A_CATALOG],
  ['an unrelated English CSV', 'sales.csv', utf8('id,product,price\n1,apple,3.5\n2,pear,2.0\n'), NOT_A_CATALOG],
  ['a header without items', 'empty-catalog.txt', utf8(`${HEADER.join('\t')}\n`), '找到了公开事项目录的表头，但表格中没有任何事项'],
  ['a PDF', 'catalog.pdf', utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'), /^暂不支持直接导入 PDF 文件/],
  ['an old .xls file', 'catalog.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /^这是旧版 Excel（\.xls）或 Word（\.doc）文件/],
  ['a zip that is no Office file', 'photos.zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8('photo.jpg'), ...noise(100)]), /^这是一个压缩文件/],
  ['a broken .xlsx', 'broken.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8('xl/workbook.xml'), ...noise(100)]), /^无法读取这个 Excel 文件/],
  ['a broken .docx', 'broken.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8('word/document.xml'), ...noise(100)]), /^无法读取这个 Word 文件/],
  ['no bytes at all', 'missing.txt', undefined, '没有收到文件内容，请重新选择文件'],
  ['a string instead of bytes', 'text.txt', 'not bytes', '没有收到文件内容，请重新选择文件'],
];

describe('parseCatalogFile refuses what is not a catalog', () => {
  it.each(CASES)('%s', async (_what, fileName, bytes, message) => {
    const error = await failure(fileName, bytes);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/\p{Script=Han}/u);
    expect(error.message).not.toMatch(/TypeError|undefined|null|at \w+ \(/);
  });

  it('refuses files over the size limit before reading them', async () => {
    const error = await failure('huge.txt', new Uint8Array(MAX_IMPORT_BYTES + 1));
    expect(error.message).toBe('文件过大（10.0 MB），目录清单文件不能超过 10 MB');
  });

  it('turns an unexpected failure into a CatalogImportError', async () => {
    const error = await failure('odd.txt', { length: 3, subarray: () => null });
    expect(error.message).toBe('没有收到文件内容，请重新选择文件');
  });

  it('reads a catalog saved in GBK and says so', async () => {
    const catalog = await parseCatalogFile({ fileName: 'gbk.txt', bytes: encodeGbk(tabText()) });
    expect(catalog.items.map((i) => i.name)).toEqual(['低保对象名单', '临时救助名单', '财务收支情况']);
    expect(catalog.warnings[0]).toEqual({ line: null, item: null, message: '文件编码为 GBK/GB18030，已自动转换' });
  });

  it('accepts a catalog with a byte order mark and Windows line endings', async () => {
    const catalog = await parseCatalogFile({ fileName: 'c.txt', bytes: utf8(`\uFEFF${tabText().replace(/\n/g, '\r\n')}`) });
    expect(catalog.items).toHaveLength(3);
  });
});
