import { Csrf, Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import { QUERY_PRESETS } from '../settings.ts';
import type { QueryClockSetting } from '../types.ts';

const unitText = (s: { days: number; unit: 'calendar' | 'working' }) => `${s.days}${s.unit === 'working' ? '个工作日' : '日（自然日）'}`;

/** The district admin's page for the 查询/疑义 reply clock: the current rule, presets with their basis, and the form. */
export function SettingsPage({ ctx, setting, error, ok }: { ctx: PageCtx; setting: QueryClockSetting; error?: string; ok?: string }) {
  return (
    <Layout ctx={ctx} title="查询和疑义的答复期限">
      <p class="breadcrumb">
        <a href="/staff/requests">申请与疑义</a> › 答复期限设置
      </p>
      <h1>查询和疑义的答复期限</h1>
      {error ? <p class="notice notice-error" role="alert">{error}</p> : null}
      {ok ? <p class="notice notice-ok">{ok}</p> : null}
      <section class="card">
        <h2>本区现行规定</h2>
        <p data-current-days={setting.days}>
          社区（村）收到居民的查询或疑义后，<strong>{unitText(setting)}</strong>内答复。{setting.allowAnonymous ? '接受匿名疑义。' : '不接受匿名疑义。'}
        </p>
        <p class="small">依据：{setting.basis}</p>
        <p class="small muted">修改只影响今后收到的查询和疑义；已收到的按原期限办理。逾期未答复的，系统每天自动转街道督办。</p>
      </section>
      <section class="card">
        <h2>按省份规定一键设置</h2>
        <p class="small muted">请先核对本省现行条文；选用后仍可在下方修改依据文字。</p>
        <ul class="plain stack">
          {Object.entries(QUERY_PRESETS).map(([key, p]) => (
            <li key={key}>
              <form method="post" action="/staff/requests/settings" class="stack">
                <Csrf ctx={ctx} />
                <input type="hidden" name="preset" value={key} />
                <strong>{p.label}</strong>
                <span class="small">{p.basis}</span>
                <button type="submit" class="button button-secondary">
                  使用“{p.label}”
                </button>
              </form>
            </li>
          ))}
        </ul>
      </section>
      <section class="card">
        <h2>自行设置</h2>
        <form method="post" action="/staff/requests/settings" class="stack">
          <Csrf ctx={ctx} />
          <label>
            答复期限（天数，1 到 60）
            <input type="number" name="days" min={1} max={60} required inputMode="numeric" value={String(setting.days)} />
          </label>
          <label>
            计算方式
            <select name="unit">
              <option value="calendar" selected={setting.unit === 'calendar'}>
                自然日（含周末和节假日）
              </option>
              <option value="working" selected={setting.unit === 'working'}>
                工作日（按本区工作日历）
              </option>
            </select>
          </label>
          <label>
            依据（法规名称和条文，会显示在居民的表单上）
            <textarea name="basis" rows={3} required minLength={4} maxLength={300}>
              {setting.basis}
            </textarea>
          </label>
          <label class="check">
            <input type="checkbox" name="allowAnonymous" checked={setting.allowAnonymous} /> 接受匿名疑义
          </label>
          <button type="submit" class="button">
            保存
          </button>
        </form>
      </section>
    </Layout>
  );
}
