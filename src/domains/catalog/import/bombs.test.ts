import { beforeAll, describe, expect, it } from 'vitest';
import { docxBomb, xlsxBomb } from '../../../../test/support/bombs.ts';
import { CatalogImportError, parseCatalogFile } from './index.ts';

// A catalog upload is read by exceljs or mammoth, which inflate the whole archive in memory: a
// 300 MB sheet in a 1 MB .xlsx took 840 MB before. The archive is now measured first, in a worker.
let xlsx: Uint8Array;
let lyingDocx: Uint8Array;

beforeAll(async () => {
  [xlsx, lyingDocx] = await Promise.all([xlsxBomb(300), docxBomb(150, true)]);
});

describe('parseCatalogFile refuses zip bombs', () => {
  it.each([
    ['a 300 MB sheet in an .xlsx', () => ({ fileName: '目录.xlsx', bytes: xlsx })],
    ['a .docx that understates its size', () => ({ fileName: '目录.docx', bytes: lyingDocx })],
  ])('%s', async (_what, input) => {
    const started = performance.now();
    const error = await parseCatalogFile(input()).then(
      () => expect.fail('the bomb should have been refused'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CatalogImportError);
    expect((error as Error).message).toBe('文件展开后过大，无法处理。');
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
