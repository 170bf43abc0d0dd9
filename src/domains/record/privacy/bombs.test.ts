import { beforeAll, describe, expect, it } from 'vitest';
import { docxBomb, pdfBomb, xlsxBomb } from '../../../../test/support/bombs.ts';
import { extractText } from './extractText.ts';

// Hostile uploads from issue 13: each once held the server for seconds to minutes or ran its heap
// out (the PDF: 71 s and 654 MB; the .xlsx: 840 MB). Each must now be refused in a worker, within
// its limits, with a Chinese message, before the library that would expand it sees it.
const TOO_LARGE = '文件展开后过大，无法处理。';

const bombs: Record<string, Uint8Array> = {};

beforeAll(async () => {
  // A 150 MB Word body, the same claiming to be 1 KB, a 300 MB sheet, a 200 MB PDF content stream.
  [bombs.docx, bombs.lyingDocx, bombs.xlsx, bombs.pdf] = await Promise.all([docxBomb(150), docxBomb(150, true), xlsxBomb(300), pdfBomb(200)]);
});

async function refusalOf(fileName: string, bytes: Uint8Array): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await extractText({ fileName, bytes }).then(
    () => expect.fail(`${fileName} should have been refused`),
    (e: unknown) => e,
  );
  return { error, ms: performance.now() - started };
}

describe('extractText refuses files that expand without bound', () => {
  it.each([
    ['a .docx whose body expands to 150 MB', 'bomb.docx', 'docx'],
    ['a .docx that hides its size in the zip directory', 'lie.docx', 'lyingDocx'],
    ['a 300 MB zip bomb named .xlsx', 'bomb.xlsx', 'xlsx'],
    ['a PDF whose content stream expands to 200 MB', 'bomb.pdf', 'pdf'],
  ])('%s', async (_what, fileName, key) => {
    expect(bombs[key]!.length).toBeLessThan(1024 * 1024);
    const { error, ms } = await refusalOf(fileName, bombs[key]!);
    expect(error).toMatchObject({ statusCode: 413, message: TOO_LARGE });
    expect(ms).toBeLessThan(5_000);
  });

  it('still reads a small real document after refusing bombs', async () => {
    const { buildDocx } = await import('./fixtures/documents.ts');
    const bytes = await buildDocx(['联系电话 13812345678'], []);
    expect((await extractText({ fileName: 'ok.docx', bytes })).text).toContain('13812345678');
  });
});
