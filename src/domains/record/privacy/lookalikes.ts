import type { Candidate } from './candidates.ts';

/**
 * Rules that turn away numbers which have the shape of a mobile or bank card number but are
 * written as something else. ID numbers are exempt but for one label: an 18-digit string with
 * a valid region, birth date and MOD 11-2 check character is an ID whatever else surrounds it,
 * unless the text itself says it is a 统一社会信用代码.
 */

/** Labels of non-personal numbers written right before the digits ("订单号：…", "文号 …"). */
const DOCUMENT_LABEL =
  /(?:编号|单号|订单号?|流水号|文号|批号|批次号?|序号|工号|学号|档案号|合同号|票号|发票号码?|代码|条码|邮编|邮政编码|时间戳|运单号|登记号|证书编?号|案号|凭证号)[\s:：#]*$/;

/** A currency sign or word right before, or a money unit right after, makes it an amount. */
const CURRENCY_BEFORE = /(?:[¥￥$]|RMB|人民币|金额)[\s:：]*$/;
const UNIT_AFTER = /^\s*(?:元|圆|块|万|亿|角|分)/;

/** "第13800000000号", "…13912345678号" are document or list numbers, not phone numbers. */
const ORDINAL_BEFORE = /第\s*$/;
const NUMBER_SUFFIX_AFTER = /^\s*号(?!码)/;

/** "13800000000.00": a fractional part makes it a quantity. */
const DECIMAL_AFTER = /^\.\d/;

const CREDIT_CODE_LABEL = /信用代码[\s:：]*$/;

/** Characters that glue a number into a code: "HT13812345678", "13812345678A". */
const CODE_CHAR = /[0-9A-Za-z_]/;

/** English labels people glue to their number ("Tel13812345678") do not make it a code. */
const PHONE_WORD = /(?:tel|phone|mobile|mob|cell|sms|card)$/i;

/**
 * True when letters or digits touch a mobile or bank card number, as in product codes and
 * hashes. IDs are exempt: their check character is strong enough, and "ID110105…" is common.
 */
export function isGluedIntoCode(folded: string, candidate: Candidate): boolean {
  if (candidate.kind === 'id_card') return false;
  const before = folded[candidate.start - 1];
  const after = folded[candidate.end];
  if (after !== undefined && CODE_CHAR.test(after)) return true;
  if (before === undefined || !CODE_CHAR.test(before)) return false;
  return !PHONE_WORD.test(folded.slice(Math.max(0, candidate.start - 6), candidate.start));
}

export function isLookAlike(folded: string, candidate: Candidate): boolean {
  const lineStart = folded.lastIndexOf('\n', candidate.start - 1) + 1;
  const before = folded.slice(Math.max(lineStart, candidate.start - 20), candidate.start);
  if (candidate.kind === 'id_card') return CREDIT_CODE_LABEL.test(before);
  const after = folded.slice(candidate.end, candidate.end + 6);
  return (
    DOCUMENT_LABEL.test(before) ||
    CURRENCY_BEFORE.test(before) ||
    ORDINAL_BEFORE.test(before) ||
    UNIT_AFTER.test(after) ||
    NUMBER_SUFFIX_AFTER.test(after) ||
    DECIMAL_AFTER.test(after)
  );
}
