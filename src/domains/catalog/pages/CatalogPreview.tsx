import { ColumnMapping } from './ColumnMapping.tsx';
import { Csrf, Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import type { ImportWarning } from '../import/types.ts';
import type { CatalogChange } from '../present.ts';
import type { CatalogRow, ItemRow } from '../repository.ts';
import { describeRule } from '../rules/describe.ts';
import { audienceText, methodText } from '../itemFacts.ts';
import { STATUS_LABELS } from './StaffCatalogs.tsx';

interface Props {
  ctx: PageCtx;
  catalog: CatalogRow;
  ownerName: string;
  items: ItemRow[];
  changes: CatalogChange[] | null;
  notice?: string;
}

const CHANGE_LABELS = { added: '新增', removed: '删除', changed: '修改' } as const;

/** A cell with the importer's warnings about it shown right beside it. */
function Cell({ warnings, field, children }: { warnings: ImportWarning[]; field: string; children: preact.ComponentChildren }) {
  const mine = warnings.filter((w) => w.field === field);
  return (
    <td class={mine.length ? 'warn-cell' : undefined}>
      {children}
      {mine.map((w, i) => (
        <p class="warn-text" key={i}>
          ⚠ {w.message}
        </p>
      ))}
    </td>
  );
}

function ItemRowView({ item, warnings, editable, catalogId }: { item: ItemRow; warnings: ImportWarning[]; editable: boolean; catalogId: number }) {
  const other = warnings.filter((w) => !w.field);
  return (
    <tr id={`item-${item.seq}`}>
      <th scope="row">{item.seq}</th>
      <Cell warnings={warnings} field="domain">{item.domain}</Cell>
      <Cell warnings={warnings} field="category">{item.category}</Cell>
      <Cell warnings={warnings} field="name">{item.name}</Cell>
      <Cell warnings={warnings} field="content">{item.content}</Cell>
      <Cell warnings={warnings} field="legalBasis">{item.legalBasis.join('；')}</Cell>
      <Cell warnings={warnings} field="timeLimitText">
        {item.timeLimitText}
        <ul class="rules">{item.rules.map((r, i) => <li key={i}>{describeRule(r)}</li>)}</ul>
      </Cell>
      <Cell warnings={warnings} field="channels">{item.channels.map((c) => `${c.selected === true ? '☑' : c.selected === false ? '☐' : ''}${c.name}`).join(' ')}</Cell>
      <td>
        {audienceText(item)}；{methodText(item)}
        {other.map((w, i) => (
          <p class="warn-text" key={i}>
            ⚠ {w.message}
          </p>
        ))}
      </td>
      <td>{editable ? <a href={`/staff/catalogs/${catalogId}/items/${item.id}`}>修改</a> : null}</td>
    </tr>
  );
}

export function CatalogPreview({ ctx, catalog, ownerName, items, changes, notice }: Props) {
  const draft = catalog.status === 'draft';
  const general = catalog.warnings.filter((w) => w.item == null);
  return (
    <Layout ctx={ctx} title={catalog.title}>
      <p class="breadcrumb">
        <a href="/staff/catalogs">目录清单管理</a> › 第 {catalog.version} 版
      </p>
      <h1>{catalog.title}</h1>
      <p>
        {ownerName} · 第 {catalog.version} 版 · {STATUS_LABELS[catalog.status]} · 共 {items.length} 项 · 来源文件 {catalog.sourceFileName}
      </p>
      <p>
        下载：<a href={`/staff/catalogs/${catalog.id}/export.xlsx`}>Excel 表格</a> · <a href={`/staff/catalogs/${catalog.id}/export.pdf`}>PDF（A4 横向，可打印）</a>
      </p>
      {notice ? <p class="notice notice-ok">{notice}</p> : null}
      {catalog.warnings.length > 0 ? (
        <p class="notice notice-warn">导入时有 {catalog.warnings.length} 处需要核对，已在下表相应位置标出（⚠）。{general.map((w) => w.message).join(' ')}</p>
      ) : (
        <p class="notice notice-ok">导入时没有发现需要核对的地方。</p>
      )}
      {changes ? (
        <section class="card">
          <h2>与正在使用的版本相比</h2>
          {changes.length === 0 ? <p>内容没有变化。</p> : <ul>{changes.map((c) => <li key={c.key}>{CHANGE_LABELS[c.kind]}：{c.name}{c.fields.length ? `（${c.fields.length} 个字段）` : ''}</li>)}</ul>}
        </section>
      ) : null}
      {draft && catalog.columns && catalog.columns.length > 0 ? (
        <ColumnMapping ctx={ctx} catalogId={catalog.id} columns={catalog.columns} headerLine={catalog.columnMapping?.headerLine ?? null} />
      ) : null}
      {draft ? (
        <div class="actions">
          <form method="post" action={`/staff/catalogs/${catalog.id}/activate`} class="inline">
            <Csrf ctx={ctx} />
            <button type="submit" class="button">
              核对无误，确认启用
            </button>
          </form>
          <form method="post" action={`/staff/catalogs/${catalog.id}/discard`} class="inline">
            <Csrf ctx={ctx} />
            <button type="submit" class="link-button danger">
              放弃这次导入
            </button>
          </form>
        </div>
      ) : null}
      <div class="table-scroll">
        <table class="catalog-table">
          <caption>公开事项（{items.length} 项）</caption>
          <thead>
            <tr>
              {['序号', '领域', '一级事项', '二级事项', '公开内容', '公开依据', '公开时限', '公开渠道', '对象与方式', ''].map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <ItemRowView key={item.id} item={item} catalogId={catalog.id} editable={draft} warnings={catalog.warnings.filter((w) => w.item === item.seq)} />
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
