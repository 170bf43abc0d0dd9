import { Csrf } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import type { ItemContext } from '../itemContext.ts';
import type { VersionRow } from '../repository.ts';
import { tableToTsv } from '../tables/build.ts';
import { COLUMN_TYPE_LABELS, COLUMN_TYPES, type RecordTable } from '../types.ts';
import { beijingDateTimeValue } from '../../../platform/time.ts';

type Form = Record<string, unknown>;

interface Props {
  ctx: PageCtx;
  recordId: number;
  version: VersionRow;
  item: ItemContext | null;
  /** What was typed, when the form comes back with a problem: it wins over the saved version. */
  form?: Form;
  reviewRequired: boolean;
}

function pick(form: Form | undefined, key: string, saved: string): string {
  const v = form?.[key];
  return typeof v === 'string' ? v : saved;
}

function TableFields({ table, index, form }: { table: RecordTable; index: number; form?: Form }) {
  const p = `t${index}`;
  return (
    <fieldset class="table-edit">
      <legend>表格 {index + 1}</legend>
      <label>
        表格标题
        <input name={`${p}_caption`} value={pick(form, `${p}_caption`, table.caption)} maxLength={200} />
      </label>
      <div class="column-types">
        {table.columns.map((c, j) => (
          <label key={j}>
            “{c.name}”列的类型
            <select name={`${p}_type${j}`}>
              {COLUMN_TYPES.map((t) => (
                <option value={t} key={t} selected={pick(form, `${p}_type${j}`, c.type) === t}>
                  {COLUMN_TYPE_LABELS[t]}
                  {t === 'id_number' || t === 'phone' ? '（自动遮盖）' : ''}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <label>
        表格内容（第一行是列名；每行一条，用制表符分隔，可直接从 Excel 复制粘贴）
        <textarea name={`${p}_text`} rows={Math.min(16, table.rows.length + 2)} class="mono" spellcheck={false}>
          {pick(form, `${p}_text`, tableToTsv(table))}
        </textarea>
      </label>
      <label class="check">
        <input type="checkbox" name={`${p}_delete`} value="1" checked={pick(form, `${p}_delete`, '') === '1'} /> 删除这张表格
      </label>
    </fieldset>
  );
}

function DateFields({ version, form }: { version: VersionRow; form?: Form }) {
  return (
    <div class="grid-2">
      <label>
        信息形成日期
        <input type="date" name="informationFormedOn" value={pick(form, 'informationFormedOn', version.informationFormedOn ?? '')} />
      </label>
      <label>
        定时发布（留空则审核通过后立即发布）
        <input type="datetime-local" name="publishAt" value={pick(form, 'publishAt', version.publishAt ? beijingDateTimeValue(version.publishAt) : '')} />
      </label>
      <label>
        所属期间 自
        <input type="date" name="periodFrom" value={pick(form, 'periodFrom', version.periodFrom ?? '')} />
      </label>
      <label>
        至
        <input type="date" name="periodTo" value={pick(form, 'periodTo', version.periodTo ?? '')} />
      </label>
    </div>
  );
}

function NewTableFields({ form }: { form?: Form }) {
  return (
    <details class="table-new" open={pick(form, 'tnew_text', '') !== ''}>
      <summary>手工新增一张表格</summary>
      <label>
        表格标题
        <input name="tnew_caption" maxLength={200} value={pick(form, 'tnew_caption', '')} />
      </label>
      <label>
        表格内容（第一行是列名，每行一条，用制表符或逗号分隔）
        <textarea name="tnew_text" rows={5} class="mono" spellcheck={false}>
          {pick(form, 'tnew_text', '')}
        </textarea>
      </label>
    </details>
  );
}

/**
 * The 公示期: a personal list always has one (its days are required); another item with a 公示
 * rule may be a 公示 or not. The days default to the item's rule.
 */
function PublicityField({ version, item, form }: { version: VersionRow; item: ItemContext | null; form?: Form }) {
  if (!item?.publicity && !item?.personalList) return <input type="hidden" name="publicity" value="0" />;
  const checked = form ? form.publicity === '1' : version.publicity;
  const unit = item.publicity?.unit === 'day' ? '天' : '个工作日';
  const days = pick(form, 'publicityDays', String(version.publicityDays ?? item.publicity?.amount ?? ''));
  const daysField = (
    <label class="inline-field">
      公示天数
      <input type="number" name="publicityDays" min={1} max={90} inputMode="numeric" value={days} required={item.personalList} class="short" aria-describedby="publicity-help" />
      {unit}
    </label>
  );
  if (item.personalList) {
    return (
      <fieldset class="publicity">
        <legend>公示期（必填）</legend>
        <input type="hidden" name="publicity" value="1" />
        {daysField}
        <p class="muted small" id="publicity-help">
          这是含个人信息的名单：自发布之日起公示，期满后名单不再公开。{item.publicity ? `目录规定公示 ${item.publicity.amount} ${unit}。` : '目录没有规定公示期，请按政策填写。'}
        </p>
      </fieldset>
    );
  }
  return (
    <fieldset class="publicity">
      <legend>公示期</legend>
      <label class="check">
        <input type="checkbox" name="publicity" value="1" checked={checked} />
        这是一次公示
      </label>
      {daysField}
      <p class="muted small" id="publicity-help">
        自发布之日起计算{item.publicity ? `，目录规定 ${item.publicity.amount} ${unit}` : ''}。
      </p>
    </fieldset>
  );
}

/** The editor's form: text, dates, tables; "保存" keeps the draft, "提交审核" saves and submits. */
export function EditorForm({ ctx, recordId, version, item, form, reviewRequired }: Props) {
  const action = `/staff/records/${recordId}`;
  return (
    <form method="post" action={action} class="stack editor-form" id="editor-form" data-preview={`${action}/preview`}>
      <Csrf ctx={ctx} />
      <label>
        标题
        <input name="title" required maxLength={200} value={pick(form, 'title', version.title)} />
      </label>
      {version.version > 1 ? (
        <label>
          更正说明（公众可见：改了什么、为什么改）
          <textarea name="correctionNote" rows={2} maxLength={1000} required>
            {pick(form, 'correctionNote', version.correctionNote ?? '')}
          </textarea>
        </label>
      ) : null}
      <DateFields version={version} form={form} />
      <PublicityField version={version} item={item} form={form} />
      <label>
        正文（支持 Markdown：# 标题、- 列表、**加粗**）
        <textarea name="bodyMd" rows={10} maxLength={50000}>
          {pick(form, 'bodyMd', version.bodyMd)}
        </textarea>
      </label>
      {version.tables.map((t, i) => (
        <TableFields table={t} index={i} form={form} key={i} />
      ))}
      <NewTableFields form={form} />
      <div class="actions">
        <button type="submit" name="intent" value="save" class="button">
          保存草稿
        </button>
        <button type="submit" name="intent" value="preview" class="button button-secondary">
          预览
        </button>
        <button type="submit" name="intent" value="submit" class="button button-secondary">
          {reviewRequired ? '保存并提交审核' : '保存并发布（本社区未开启审核）'}
        </button>
      </div>
    </form>
  );
}
