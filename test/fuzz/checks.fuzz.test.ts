/*
 * The suite's own yardstick (test/support/fuzz.ts): what counts as an English message. If this
 * check said yes to everything, every "Chinese only" property in test/fuzz/ would pass vacuously.
 */
import { describe, expect, it } from 'vitest';
import { englishWords, isChineseMessage } from '../support/fuzz.ts';

describe('englishWords', () => {
  it.each([
    ['Invalid input: expected string, received array', ['Invalid', 'input', 'expected', 'string', 'received', 'array']],
    ['Too big: expected string to have <=200 characters', ['Too', 'big', 'expected', 'string', 'have', 'characters']],
    ['{"error":"Bad Request","message":"is not a valid url component"}', ['error', 'Bad', 'Request', 'message', 'not', 'valid', 'url', 'component'].filter((w) => w !== 'url')],
    ['提交失败：Unexpected end of form', ['Unexpected', 'end', 'form']],
  ])('finds the English in %j', (message, words) => {
    expect(englishWords(message)).toEqual(words);
    expect(isChineseMessage(message)).toBe(false);
  });

  it.each([
    ['邀请码应为 8 位字母和数字，例如 K7PM-3QXD'],
    ['请填写有效的电子邮箱地址，例如 wang@example.cn'],
    ['必须是完整网址，例如 https://gk.example.cn'],
    ['这是旧版 Excel（.xls）或 Word（.doc）文件，请在 Office 或 WPS 中另存为 .xlsx 或 .docx 后再导入'],
    ['第3行：表格外的文字“hello world”未导入'],
  ])('accepts the Chinese message %j', (message) => {
    expect(englishWords(message)).toEqual([]);
    expect(isChineseMessage(message)).toBe(true);
  });

  it('does not count what the user wrote, even when it holds quote marks itself', () => {
    expect(englishWords('第3行：表格外的文字“”javascript:alert(1)”未导入', ['”javascript:alert(1)'])).toEqual([]);
    expect(englishWords('用户名 admin_root 已存在', ['admin_root'])).toEqual([]);
  });
});
