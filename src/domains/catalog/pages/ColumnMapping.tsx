/**
 * The mapping step of a draft's preview: every column of the source with its header, a sample
 * cell and the field it was read as (with how sure the reading is). Staff reassign any column,
 * give two columns the same field to merge them, or say which line holds the header; the file is
 * chosen again (only its fingerprint is kept) and read with that mapping as a new draft.
 */
import { Csrf } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import { MAPPING_KEYS } from '../import/mapping.ts';
import type { ColumnGuess } from '../import/types.ts';

export function ColumnMapping({ ctx, catalogId, columns, headerLine }: { ctx: PageCtx; catalogId: number; columns: ColumnGuess[]; headerLine: number | null }) {
  return (
    <section class="card" id="column-mapping">
      <h2>列对应</h2>
      <p class="muted">下表是导入时对每一列含义的判断。如有不对，请改选后重新选择同一文件导入；两列选同一字段即合并为一列。保存后，下次导入这份目录清单的新版本会沿用这一对应关系。</p>
      <form method="post" action={`/staff/catalogs/${catalogId}/remap`} enctype="multipart/form-data" class="stack">
        <Csrf ctx={ctx} />
        <table>
          <thead>
            <tr>
              <th scope="col">列</th>
              <th scope="col">表头</th>
              <th scope="col">第一行内容</th>
              <th scope="col">识别把握</th>
              <th scope="col">对应字段</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c, i) => (
              <tr key={i}>
                <td>第 {i + 1} 列</td>
                <td>{c.label || '（无）'}</td>
                <td>{c.sample}</td>
                <td>{c.key === '-' ? '—' : `${Math.round(c.score * 100)}%`}</td>
                <td>
                  <select name={`col_${i}`} aria-label={`第 ${i + 1} 列对应的字段`}>
                    {MAPPING_KEYS.map(([key, name]) => (
                      <option value={key} key={key} selected={key === c.key}>
                        {name}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <label>
          表头所在行（留空则自动判断）
          <input type="number" name="headerLine" min="1" value={headerLine ?? ''} />
        </label>
        <label>
          重新选择同一文件
          <input type="file" name="file" required accept=".txt,.csv,.tsv,.md,.xlsx,.docx" />
        </label>
        <button type="submit" class="button">
          按此对应关系重新导入
        </button>
      </form>
    </section>
  );
}
