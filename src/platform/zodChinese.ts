/*
 * Every validation message a user can see is Chinese. Schemas at the edge give their own words
 * ({ error: '请填写…' }); wherever one does not, this map answers in plain Chinese instead of
 * zod's English defaults ("Invalid input: expected string, received array"). Loaded once with
 * the validation helpers; zod's configuration is process-wide.
 */
import { z } from 'zod';

type Issue = Parameters<NonNullable<z.core.$ZodConfig['localeError']>>[0];

const fallback = z.locales.zhCN().localeError!;

function sized(issue: Issue, big: boolean): string | undefined {
  const limit = Number((big ? (issue as { maximum?: unknown }).maximum : (issue as { minimum?: unknown }).minimum) ?? 0);
  switch (issue.origin) {
    case 'string':
      if (!big && limit <= 1) return '请填写此项';
      return big ? `不能超过 ${limit} 个字` : `至少需要 ${limit} 个字`;
    case 'array':
    case 'set':
      return big ? `最多只能有 ${limit} 项` : `至少需要 ${limit} 项`;
    case 'number':
    case 'int':
    case 'bigint':
      return big ? `不能大于 ${limit}` : `不能小于 ${limit}`;
    case 'file':
      return big ? '文件太大' : '文件太小';
    default:
      return big ? '内容太长' : '内容太短';
  }
}

export function chineseMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? '请填写此项' : '填写的内容格式不正确';
    case 'too_big':
      return sized(issue, true)!;
    case 'too_small':
      return sized(issue, false)!;
    case 'invalid_value':
      return '请从给出的选项中选择';
    case 'invalid_format':
      return '格式不正确';
    case 'not_multiple_of':
      return '数值不符合要求';
    case 'unrecognized_keys':
      return '提交了无法识别的内容';
    default: {
      const text = fallback(issue);
      return typeof text === 'string' ? text : (text?.message ?? '输入有误');
    }
  }
}

z.config({ localeError: chineseMessage });
