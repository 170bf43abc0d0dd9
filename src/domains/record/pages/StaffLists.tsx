import { Csrf, Layout } from '../../../web/layout.tsx';
import { type PageCtx } from '../../../web/page.ts';
import type { OpenObligation } from '../complianceHooks.ts';
import type { ItemContext } from '../itemContext.ts';
import type { RecordRow, VersionRow } from '../repository.ts';
import { recordStateLabel } from './labels.ts';
import { chineseDate, chineseDateTime } from '../../../platform/time.ts';

type Row = { record: RecordRow; version: VersionRow };

function RecordsTable({ rows, now, caption, showOrg }: { rows: Row[]; now: Date; caption: string; showOrg: boolean }) {
  return (
    <div class="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">标题</th>
            <th scope="col">公开事项</th>
            {showOrg ? <th scope="col">社区</th> : null}
            <th scope="col">状态</th>
            <th scope="col">更新时间</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ record, version }) => (
            <tr key={`${record.id}-${version.version}`}>
              <td>
                <a href={`/staff/records/${record.id}`}>{version.title}</a>
              </td>
              <td>{record.itemName}</td>
              {showOrg ? <td class="mono">{record.orgPath.split('/').filter(Boolean).pop()}</td> : null}
              <td>{recordStateLabel(record, version, now)}</td>
              <td>{chineseDateTime(version.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StaffRecordsPage({ ctx, rows, now }: { ctx: PageCtx; rows: Row[]; now: Date }) {
  const user = ctx.user!;
  return (
    <Layout ctx={ctx} title="公开记录">
      <nav class="breadcrumb" aria-label="当前位置">
        <a href="/staff">工作台</a> › 公开记录
      </nav>
      <h1>公开记录</h1>
      <p class="actions">
        {user.role === 'editor' ? (
          <a class="button" href="/staff/records/new">
            新建公开记录
          </a>
        ) : null}
        {user.role === 'supervisor' ? <a href="/staff/review">待审核的记录</a> : null}
      </p>
      {rows.length === 0 ? <p class="empty">还没有公开记录。</p> : <RecordsTable rows={rows} now={now} caption={`${user.orgName}的公开记录`} showOrg={user.orgKind !== 'community'} />}
    </Layout>
  );
}

export function ReviewQueuePage({ ctx, rows, now }: { ctx: PageCtx; rows: Row[]; now: Date }) {
  return (
    <Layout ctx={ctx} title="待审核">
      <nav class="breadcrumb" aria-label="当前位置">
        <a href="/staff">工作台</a> › 待审核
      </nav>
      <h1>待审核的公开记录</h1>
      {rows.length === 0 ? <p class="empty">没有等待审核的记录。</p> : <RecordsTable rows={rows} now={now} caption="按提交先后排列" showOrg={ctx.user!.orgKind !== 'community'} />}
    </Layout>
  );
}

interface NewProps {
  ctx: PageCtx;
  items: ItemContext[];
  obligation: OpenObligation | null;
  itemId?: number;
  error?: string;
}

/** Pick the item (and a title); the draft opens in the editor. */
export function NewRecordPage({ ctx, items, obligation, itemId, error }: NewProps) {
  const chosen = itemId ?? items.find((i) => i.item.itemKey === obligation?.itemKey)?.item.id;
  return (
    <Layout ctx={ctx} title="新建公开记录">
      <nav class="breadcrumb" aria-label="当前位置">
        <a href="/staff">工作台</a> › <a href="/staff/records">公开记录</a> › 新建
      </nav>
      <h1>新建公开记录</h1>
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      {obligation ? (
        <p class="notice">
          为应公开义务发布：{obligation.label || obligation.itemKey.split('|').pop()}
          {obligation.dueOn ? `，截止 ${chineseDate(obligation.dueOn)}` : ''}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p class="empty">本社区还没有可用的目录清单，请联系街道或区县管理员。</p>
      ) : (
        <form method="post" action="/staff/records/new" class="stack narrow-wide">
          <Csrf ctx={ctx} />
          {obligation ? <input type="hidden" name="obligationId" value={obligation.id} /> : null}
          <label>
            公开事项
            <select name="itemId" required>
              {items.map((c) => (
                <option value={c.item.id} key={c.item.id} selected={c.item.id === chosen}>
                  {c.item.seq}. {c.item.category && c.item.category !== c.item.name ? `${c.item.category} / ` : ''}
                  {c.item.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            标题
            <input name="title" required minLength={2} maxLength={200} placeholder="例如：2026年第三季度财务收支情况" />
          </label>
          <button type="submit" class="button">
            创建草稿并编辑
          </button>
        </form>
      )}
    </Layout>
  );
}
