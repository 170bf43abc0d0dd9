import { LabelledList, type LabelledRow } from '../../../web/components/LabelledList.tsx';
import type { PublicRecordView, PublicTable } from '../publicView.ts';
import { beijingDate, chineseDate, chineseDateOf } from '../../../platform/time.ts';

const NUMERIC = new Set(['amount', 'integer']);

function TableBlock({ table }: { table: PublicTable }) {
  return (
    <figure class="record-figure">
      <figcaption class="table-caption">
        {table.caption} <span class="muted small scroll-hint">（表格较宽，可左右滑动查看）</span>
      </figcaption>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={table.caption}>
      <table class="record-table">
        <caption class="visually-hidden">{table.caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th scope="col" key={i} class={NUMERIC.has(c.type) ? 'num' : undefined}>
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c} class={NUMERIC.has(table.columns[c]?.type ?? '') ? 'num' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Dates and facts of a record, one per line: readable on a phone and on paper. */
export function RecordFacts({ view, now }: { view: PublicRecordView; now: Date }) {
  const rows: LabelledRow[] = [
    ['公开事项', view.itemName],
    ['发布单位', view.communityName],
    ['发布日期', chineseDateOf(view.publishedAt)],
    ...(view.version > 1 ? ([['更正日期', `${chineseDateOf(view.updatedAt)}（第 ${view.version} 版）`]] as LabelledRow[]) : []),
    ...(view.informationFormedOn ? ([['信息形成日期', chineseDate(view.informationFormedOn)]] as LabelledRow[]) : []),
    ...(view.periodFrom || view.periodTo
      ? ([['所属期间', `${view.periodFrom ? chineseDate(view.periodFrom) : ''} 至 ${view.periodTo ? chineseDate(view.periodTo) : ''}`]] as LabelledRow[])
      : []),
    ...(view.publicityEndsOn ? ([['公示期', publicityText(view, now)]] as LabelledRow[]) : []),
    ...(view.audience === 'residents' ? ([['公开对象', '本社区（村）登记居民']] as LabelledRow[]) : []),
  ];
  return <LabelledList class="facts" rows={rows} />;
}

export function publicityText(view: PublicRecordView, now: Date): string {
  if (!view.publicityEndsOn) return '';
  const over = beijingDate(now) > view.publicityEndsOn;
  return `${over ? '已于' : '至'} ${chineseDate(view.publicityEndsOn)}${over ? ' 结束' : ' 止'}`;
}

/** The content the public reads: body, tables, attachments, or the reason they are gone. */
export function RecordContent({ view }: { view: PublicRecordView }) {
  if (view.withdrawal) {
    return (
      <p class="notice notice-warn" role="note">
        本记录已于 {chineseDateOf(view.withdrawal.at)} 撤回。撤回原因：{view.withdrawal.reason}
      </p>
    );
  }
  if (view.listWithdrawnNote) {
    return (
      <p class="notice" role="note">
        {view.listWithdrawnNote}
      </p>
    );
  }
  return (
    <div class="record-content">
      {view.correctionNote ? <p class="notice notice-warn">更正说明：{view.correctionNote}</p> : null}
      {view.bodyHtml ? <div class="record-body" dangerouslySetInnerHTML={{ __html: view.bodyHtml }} /> : null}
      {view.tables.map((t, i) => (
        <TableBlock table={t} key={i} />
      ))}
      {view.attachments.length > 0 ? (
        <section>
          <h2 class="h3">附件</h2>
          <ul class="attachments">
            {view.attachments.map((a) => (
              <li key={a.url}>
                <a href={a.url}>{a.name}</a> <span class="muted small">（{sizeText(a.size)}）</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
