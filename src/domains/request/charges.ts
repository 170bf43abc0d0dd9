import { z } from 'zod';
import { ValidationError } from '../../platform/errors.ts';
import type { Charge } from './types.ts';

/*
 * 信息处理费 (政府信息公开条例 Art. 42; 国办函〔2020〕109号《政府信息公开信息处理费管理办法》).
 * Either 按件计收 or 按量计收 per request, never both, each progressive (超额累进):
 * - 按件计收 (Art. 4): the same applicant's requests in one calendar month: the 1st–10th free,
 *   the 11th–30th 100 元 each, then from the 31st every further band of 10 requests 100 元 more
 *   each (31st–40th 200 元, 41st–50th 300 元, …).
 * - 按量计收 (Art. 5, paper, e-mail or copied data): pages 1–30 free, 31–100 10 元/页,
 *   101–200 20 元/页, from 201 40 元/页.
 * The bands are data here; the fee is computed, never typed, so the record matches the bands.
 */

export const CHARGE_BASIS = {
  none: '未收取信息处理费（未超过国办函〔2020〕109号规定的免费范围，或不予收费）',
  per_item: '国办函〔2020〕109号第四条 按件计收：同一申请人一个自然月内第1—10件不收费，第11—30件100元/件，第31件起每10件为一档、每档每件提高100元',
  per_volume: '国办函〔2020〕109号第五条 按量计收：30页以下不收费，31—100页10元/页，101—200页20元/页，201页以上40元/页',
} as const;

export const CHARGE_MODES = { none: '不收费', per_item: '按件计收', per_volume: '按量计收' } as const;

/** The fee of the applicant's n-th request of the month (按件计收), in yuan. */
export function perItemFee(n: number): number {
  if (n <= 10) return 0;
  if (n <= 30) return 100;
  return 100 * (2 + Math.floor((n - 31) / 10));
}

/** The fee of `pages` pages (按量计收), in yuan: each band's part at its own rate. */
export function perVolumeFee(pages: number): number {
  const part = (from: number, to: number) => Math.max(0, Math.min(pages, to) - from);
  return part(30, 100) * 10 + part(100, 200) * 20 + part(200, Infinity) * 40;
}

export const chargeInput = z.object({
  chargeMode: z.enum(['none', 'per_item', 'per_volume'], { error: '请选择信息处理费：不收费、按件计收或按量计收' }).optional().default('none'),
  pages: z.coerce.number({ error: '页数应为 0 到 100000 之间的整数' }).int({ error: '页数应为整数' }).min(0, { error: '页数不能为负数' }).max(100000, { error: '页数不能超过 100000' }).optional().default(0),
});

/** The charge recorded with a reply; `monthCount` is the applicant's requests this month up to this one. */
export function chargeOf(input: z.output<typeof chargeInput>, monthCount: number): Charge {
  const { chargeMode: mode, pages } = input;
  if (mode === 'per_volume' && pages === 0) throw new ValidationError('按量计收请填写提供的页数。');
  const fee = mode === 'per_item' ? perItemFee(monthCount) : mode === 'per_volume' ? perVolumeFee(pages) : 0;
  return { mode, pages, monthCount, fee, basis: CHARGE_BASIS[mode] };
}
