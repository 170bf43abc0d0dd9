import { Csrf, Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import type { ItemRow } from '../repository.ts';
import { describeRule } from '../rules/describe.ts';

function Text({ name, label, value, rows = 2 }: { name: string; label: string; value: string | null; rows?: number }) {
  return (
    <label>
      {label}
      <textarea name={name} rows={rows} maxLength={4000}>
        {value ?? ''}
      </textarea>
    </label>
  );
}

function Check({ name, label, checked }: { name: string; label: string; checked: boolean | null }) {
  return (
    <label class="check">
      <input type="checkbox" name={name} value="1" checked={checked === true} /> {label}
    </label>
  );
}

/** Correct any field of a draft item; the 时限 text is parsed again into rules on save. */
export function ItemEdit({ ctx, item, catalogId, error }: { ctx: PageCtx; item: ItemRow; catalogId: number; error?: string }) {
  return (
    <Layout ctx={ctx} title={`修改第 ${item.seq} 项`}>
      <p class="breadcrumb">
        <a href={`/staff/catalogs/${catalogId}#item-${item.seq}`}>返回目录清单</a>
      </p>
      <h1>修改第 {item.seq} 项：{item.name}</h1>
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action={`/staff/catalogs/${catalogId}/items/${item.id}`} class="stack card">
        <Csrf ctx={ctx} />
        <Text name="domain" label="领域" value={item.domain} rows={1} />
        <Text name="category" label="一级事项" value={item.category} rows={1} />
        <Text name="name" label="二级事项" value={item.name} rows={1} />
        <Text name="content" label="公开内容（要素）" value={item.content} rows={4} />
        <Text name="legalBasis" label="公开依据（每行一个文件）" value={item.legalBasis.join('\n')} rows={4} />
        <Text name="responsibleBodies" label="公开主体（每行一个）" value={item.responsibleBodies.join('\n')} rows={3} />
        <Text name="timeLimitText" label="公开时限（保存后重新识别为规则）" value={item.timeLimitText} rows={2} />
        <p class="muted">当前识别的规则：{item.rules.map(describeRule).join('；') || '未识别'}</p>
        {item.rules.some((r) => r.kind === 'prompt') ? (
          <label>
            “及时公开”按多少个工作日计算（不填则显示“时限待定”）
            <input name="promptDays" type="number" min={0} max={365} value={item.promptDays ?? ''} inputMode="numeric" />
          </label>
        ) : null}
        <Text name="channels" label="公开渠道和载体（每行一个；行首写 ☑ 表示选中，☐ 表示未选中）" value={item.channels.map((c) => `${c.selected === true ? '☑' : c.selected === false ? '☐' : ''}${c.name}`).join('\n')} rows={6} />
        <fieldset>
          <legend>公开对象与方式</legend>
          <Check name="audienceSociety" label="全社会" checked={item.audienceSociety} />
          <Check name="audienceSpecific" label="特定群体" checked={item.audienceSpecific} />
          <Check name="methodProactive" label="主动公开" checked={item.methodProactive} />
          <Check name="methodOnRequest" label="依申请公开" checked={item.methodOnRequest} />
        </fieldset>
        <Text name="level" label="公开层级" value={item.level} rows={1} />
        <Text name="websiteColumn" label="政府网站公开栏目" value={item.websiteColumn} rows={1} />
        <button type="submit" class="button">
          保存
        </button>
      </form>
    </Layout>
  );
}
