import { Csrf, Layout } from '../../../web/layout.tsx';
import { type PageCtx } from '../../../web/page.ts';
import type { OrgRow } from '../../org/index.ts';
import type { CatalogRow } from '../repository.ts';
import { chineseDateTime } from '../../../platform/time.ts';

export const STATUS_LABELS = { draft: '草稿（待核对）', active: '正在使用', retired: '已停用' } as const;

interface Props {
  ctx: PageCtx;
  catalogs: (CatalogRow & { ownerName: string })[];
  orgs: OrgRow[];
  error?: string;
}

export function StaffCatalogs({ ctx, catalogs, orgs, error }: Props) {
  return (
    <Layout ctx={ctx} title="目录清单管理">
      <h1>目录清单管理</h1>
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <section class="card">
        <h2>导入目录清单</h2>
        <p class="muted">支持 Word 表格（.docx）、Excel（.xlsx）以及从网页或 PDF 复制的文本（.txt）。导入后先核对，确认无误再启用。</p>
        <form method="post" action="/staff/catalogs/import" enctype="multipart/form-data" class="stack">
          <Csrf ctx={ctx} />
          <label>
            所属单位
            <select name="orgCode" required>
              {orgs.map((o) => (
                <option value={o.code} key={o.code}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            文件（不超过 10 MB）
            <input type="file" name="file" required accept=".txt,.csv,.tsv,.md,.xlsx,.docx" />
          </label>
          <label>
            列对应（选填：表头无法识别时，按从左到右逐列填写字段，如 seq,name,content,timeLimit；“-”表示该列不导入）
            <input type="text" name="columns" maxLength={2000} />
          </label>
          <button type="submit" class="button">
            上传并预览
          </button>
        </form>
      </section>
      <div class="table-scroll">
        <table>
          <caption>本辖区的目录清单</caption>
          <thead>
            <tr>
              <th scope="col">单位</th>
              <th scope="col">名称</th>
              <th scope="col">版本</th>
              <th scope="col">状态</th>
              <th scope="col">导入时间</th>
            </tr>
          </thead>
          <tbody>
            {catalogs.length === 0 ? (
              <tr>
                <td colSpan={5}>还没有目录清单。</td>
              </tr>
            ) : (
              catalogs.map((c) => (
                <tr key={c.id}>
                  <td>{c.ownerName}</td>
                  <td>
                    <a href={`/staff/catalogs/${c.id}`}>{c.title}</a>
                  </td>
                  <td>第 {c.version} 版</td>
                  <td>{STATUS_LABELS[c.status]}</td>
                  <td>{chineseDateTime(c.createdAt)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
