import { describe, expect, it } from 'vitest';
import { chargeOf, perItemFee, perVolumeFee } from './charges.ts';

describe('信息处理费 bands of 国办函〔2020〕109号', () => {
  it('charges per request from the 11th of the month, 100 元 more each further band of 10 after the 30th', () => {
    expect([1, 10, 11, 30, 31, 40, 41, 50, 51].map(perItemFee)).toEqual([0, 0, 100, 100, 200, 200, 300, 300, 400]);
  });

  it('charges pages progressively: 30 free, then 10, 20 and 40 元 a page', () => {
    expect([0, 30, 31, 100, 101, 200, 201, 250].map(perVolumeFee)).toEqual([0, 0, 10, 700, 720, 2700, 2740, 4700]);
  });

  it('records the fee computed from the chosen mode, never both, with its basis', () => {
    expect(chargeOf({ chargeMode: 'per_volume', pages: 45 }, 12)).toMatchObject({ mode: 'per_volume', pages: 45, fee: 150, basis: expect.stringContaining('按量计收') });
    expect(chargeOf({ chargeMode: 'per_item', pages: 45 }, 12)).toMatchObject({ mode: 'per_item', monthCount: 12, fee: 100, basis: expect.stringContaining('按件计收') });
    expect(chargeOf({ chargeMode: 'none', pages: 500 }, 40).fee).toBe(0);
    expect(() => chargeOf({ chargeMode: 'per_volume', pages: 0 }, 1)).toThrow('请填写提供的页数');
  });
});
