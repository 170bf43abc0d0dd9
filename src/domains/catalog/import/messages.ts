/** Chinese wording shared by the import warnings. */
import type { ImportWarning } from './types.ts';

/** 第3项（第9行）： */
export function where(seq: number | null, line: number | null): string {
  if (seq === null && line === null) return '';
  const item = seq === null ? '' : `第${seq}项`;
  const at = line === null ? '' : seq === null ? `第${line}行` : `（第${line}行）`;
  return `${item}${at}：`;
}

export function warn(seq: number | null, line: number | null, text: string, field?: string): ImportWarning {
  const warning: ImportWarning = { line, item: seq, message: `${where(seq, line)}${text}` };
  if (field) warning.field = field;
  return warning;
}

/** A short quote of a cell for a message: the first 20 characters on one line. */
export function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > 20 ? `${flat.slice(0, 20)}…` : flat}”`;
}

/** [1,2,3,5] → 第1至3、5项. */
export function seqList(seqs: number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < seqs.length) {
    let j = i;
    while (j + 1 < seqs.length && seqs[j + 1] === (seqs[j] ?? 0) + 1) j++;
    parts.push(j > i ? `${seqs[i]}至${seqs[j]}` : `${seqs[i]}`);
    i = j + 1;
  }
  return `第${parts.join('、')}项`;
}

export function quotedList(names: string[]): string {
  return names.map((n) => `“${n}”`).join('');
}
