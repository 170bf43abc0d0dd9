import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseInput } from './validate.ts';

const form = z.object({
  name: z.string().max(4),
  kind: z.enum(['a', 'b']),
  code: z.string().regex(/^\d+$/),
  count: z.coerce.number().int().min(1).max(9),
  tags: z.array(z.string()).max(2),
  note: z.string().min(1),
});

function messages(raw: unknown): string[] {
  const r = form.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

describe('validation messages', () => {
  it('are Chinese where a schema gives no words of its own', () => {
    const all = messages({ name: ['x'], kind: 'z', code: 'x1', count: '0', tags: ['a', 'b', 'c'] });
    expect(all).toEqual(['填写的内容格式不正确', '请从给出的选项中选择', '格式不正确', '不能小于 1', '最多只能有 2 项', '请填写此项']);
    expect(messages({ name: '一二三四五', kind: 'a', code: '1', count: '10', tags: [], note: '' })).toEqual(['不能超过 4 个字', '不能大于 9', '请填写此项']);
    for (const m of [...all]) expect(m).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('reach the user through parseInput as the first problem', () => {
    expect(() => parseInput(form, { name: 'ok', kind: 'a', code: '1', count: 'x', tags: [], note: 'n' })).toThrow('填写的内容格式不正确');
  });
});
