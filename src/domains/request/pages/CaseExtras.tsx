import { chineseDate } from '../../../platform/time.ts';
import { CHARGE_BASIS, CHARGE_MODES } from '../charges.ts';
import type { CaseRow } from '../repository.ts';
import { VOLUME_MEASURES } from '../volume.ts';

/* Parts of the staff case page for Art. 35, the 信息处理费 and the street's 督办. */

/** The reply form's charge fields: the fee is computed on the server from the bands shown. */
export function ChargeFields() {
  return (
    <fieldset>
      <legend>信息处理费（《条例》第四十二条，国办函〔2020〕109号）</legend>
      {Object.entries(CHARGE_MODES).map(([k, label], i) => (
        <label class="check" key={k}>
          <input type="radio" name="chargeMode" value={k} checked={i === 0} /> {label}
        </label>
      ))}
      <label>
        提供的页数（按量计收必填）
        <input type="number" name="pages" min={0} max={100000} inputMode="numeric" value="0" />
      </label>
      <p class="small muted">{CHARGE_BASIS.per_item}。</p>
      <p class="small muted">{CHARGE_BASIS.per_volume}。同一件申请只能选一种，金额由系统按标准计算。</p>
    </fieldset>
  );
}

export function VolumeFields() {
  return (
    <>
      <fieldset>
        <legend>处理方式</legend>
        {Object.entries(VOLUME_MEASURES).map(([k, label], i) => (
          <label class="check" key={k}>
            <input type="radio" name="measure" value={k} checked={i === 0} required /> {label}
          </label>
        ))}
      </fieldset>
      <label>
        申请数量、频次的情况（例如“本月已提出 42 件”）
        <textarea name="note" rows={2} required minLength={4} maxLength={500} />
      </label>
      <label>
        延迟答复的合理期限（仅“确定延迟答复”时填写）
        <input type="date" name="deferTo" />
      </label>
    </>
  );
}

/** What the case records of Art. 35, the charge and the 督办, as rows of the facts list. */
export function CaseRecordFacts({ row }: { row: CaseRow }) {
  return (
    <>
      {row.volume ? (
        <div>
          <dt>第三十五条</dt>
          <dd>
            {chineseDate(row.volume.on)}：{VOLUME_MEASURES[row.volume.measure]}
            {row.volume.deferTo ? `，延迟至${chineseDate(row.volume.deferTo)}前答复` : ''}。{row.volume.note}
          </dd>
        </div>
      ) : null}
      {row.charge ? (
        <div>
          <dt>信息处理费</dt>
          <dd data-fee={row.charge.fee}>
            {CHARGE_MODES[row.charge.mode]}：{row.charge.fee} 元（提供 {row.charge.pages} 页；本月第 {row.charge.monthCount} 件申请）
            <br />
            <span class="small muted">{row.charge.basis}</span>
          </dd>
        </div>
      ) : null}
      {row.orderId ? (
        <div>
          <dt>督办</dt>
          <dd>
            已督办：<a href={`/staff/compliance/orders/${row.orderId}`}>街道督办单第 {row.orderId} 号</a>
          </dd>
        </div>
      ) : null}
    </>
  );
}
