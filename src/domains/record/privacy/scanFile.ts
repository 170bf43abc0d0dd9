import { readFile } from 'node:fs/promises';
import { ValidationError } from '../../../platform/errors.ts';
import { type FileInput, extractText } from './extractText.ts';
import { scanText } from './scanText.ts';
import type { Finding } from './types.ts';

/** Findings in an uploaded file; offsets are relative to the text `extractText` returns. */
export async function scanFile(input: FileInput): Promise<{ findings: Finding[] }> {
  const { text } = await extractText(input);
  return { findings: scanText(text) };
}

/** Backs `gongkai privacy scan FILE --json`, which prints the result as `{"findings":[…]}`. */
export async function privacyScanCommand(filePath: string): Promise<{ findings: Finding[] }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(filePath));
  } catch {
    throw new ValidationError(`无法读取文件「${filePath}」：文件不存在或没有读取权限。`);
  }
  return scanFile({ fileName: filePath, bytes });
}
