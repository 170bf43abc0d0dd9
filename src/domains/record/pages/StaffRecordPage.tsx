import { Layout } from '../../../web/layout.tsx';
import { type PageCtx } from '../../../web/page.ts';
import type { PublicRecordView } from '../publicView.ts';
import type { ChannelGapView } from '../ports.ts';
import type { StaffRecord } from '../staffView.ts';
import { EditorForm } from './EditorForm.tsx';
import { PictureChecks, PrivacyPanel, PublishedActions, ReviewPanel, UploadForms, VersionHistory } from './EditorPanels.tsx';
import { recordStateLabel } from './labels.ts';
import { RecordContent, RecordFacts } from './RecordView.tsx';
import { chineseDateTime } from '../../../platform/time.ts';

interface Props {
  ctx: PageCtx;
  data: StaffRecord;
  now: Date;
  error?: string;
  notice?: string;
  form?: Record<string, unknown>;
  /** A preview built from the typed form (the "预览" button without JavaScript). */
  formPreview?: PublicRecordView;
  /** Required channels with no destination yet (no screen, no group robot…). */
  channelGaps?: ChannelGapView[];
}

/** A warning, not a block: the record still goes out, these channels need a hand. */
function ChannelGaps({ gaps }: { gaps: ChannelGapView[] }) {
  if (gaps.length === 0) return null;
  return (
    <div class="notice notice-warn channel-gaps" role="status">
      <p>
        <strong>提醒：</strong>这个事项要求的公开渠道中，有 {gaps.length} 个还没有去处（不影响提交和发布，但需要另行公开）：
      </p>
      <ul>
        {gaps.map((g) => (
          <li key={g.channel}>
            “{g.channel}”：{g.message}
            {g.href ? (
              <>
                {' '}
                <a href={g.href}>去设置</a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The preview pane: exactly what the public page will show, masking included. */
export function PreviewPane({ view, now, error }: { view: PublicRecordView | null; now: Date; error?: string }) {
  return (
    <div id="preview" class="preview" aria-live="polite">
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      {view ? (
        <article class="record">
          <h2 class="preview-title">{view.title}</h2>
          <RecordFacts view={view} now={now} />
          <RecordContent view={view} />
        </article>
      ) : (
        <p class="empty">还没有内容。</p>
      )}
    </div>
  );
}

function StatusNotice({ data, now }: { data: StaffRecord; now: Date }) {
  const { open, current, record } = data;
  if (record.withdrawnAt) return <p class="notice notice-warn">已于 {chineseDateTime(record.withdrawnAt)} 撤回：{record.withdrawnReason}</p>;
  if (open?.status === 'returned') return <p class="notice notice-warn" role="alert">监督委员会退回修改：{open.reviewComment}</p>;
  if (open?.status === 'submitted') return <p class="notice">已提交，等待居务监督委员会成员审核。</p>;
  if (current?.publishedAt && current.publishedAt > now) return <p class="notice">已审核通过，将于 {chineseDateTime(current.publishedAt)} 定时发布。</p>;
  if (current && !open)
    return (
      <p class="notice notice-ok">
        已发布。公众地址：<a href={`/r/${record.publicId}`}>/r/{record.publicId}</a>
      </p>
    );
  return null;
}

export function StaffRecordPage({ ctx, data, now, error, notice, form, formPreview, channelGaps = [] }: Props) {
  const user = ctx.user!;
  const { record, open, current } = data;
  const latest = open ?? current ?? data.versions[data.versions.length - 1]!;
  const isEditor = user.role === 'editor' && user.orgId === record.orgId;
  const isSupervisor = user.role === 'supervisor' && user.orgId === record.orgId;
  const editable = isEditor && !!open && (open.status === 'draft' || open.status === 'returned');
  const reviewable = isSupervisor && open?.status === 'submitted' && open.authorId !== user.id && open.submittedById !== user.id;
  return (
    <Layout ctx={ctx} title={`${latest.title} - 公开记录`}>
      <nav class="breadcrumb" aria-label="当前位置">
        <a href="/staff">工作台</a> › <a href="/staff/records">公开记录</a> › {latest.title}
      </nav>
      <h1>
        {latest.title} <span class="tag">{recordStateLabel(record, latest, now)}</span>
      </h1>
      <p class="muted">
        {data.org.name} · {data.item?.item.name ?? record.itemName} · 第 {latest.version} 版
        {data.item?.personalList ? ' · 个人名单（公示期满后不再公开）' : ''}
        {data.item?.audience === 'residents' ? ' · 仅向本社区居民公开' : ''}
      </p>
      {notice ? <p class="notice notice-ok">{notice}</p> : null}
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <StatusNotice data={data} now={now} />
      <ChannelGaps gaps={channelGaps} />
      {open ? (
        <PrivacyPanel
          ctx={ctx}
          recordId={record.id}
          findings={data.findings}
          overrideHolds={data.overrideHolds}
          override={open.privacyOverride}
          canMask={editable}
          canOverride={isSupervisor && open.status !== 'submitted'}
        />
      ) : null}
      <div class={editable ? 'editor-grid' : undefined}>
        {editable ? (
          <section>
            <h2>编辑</h2>
            <EditorForm ctx={ctx} recordId={record.id} version={open} item={data.item} form={form} reviewRequired={data.reviewRequired} />
          </section>
        ) : null}
        <section class="card preview-card" aria-labelledby="preview-h">
          <h2 id="preview-h">{open ? '公众将看到的内容（预览，号码已遮盖）' : '公众看到的内容'}</h2>
          <PreviewPane view={formPreview ?? data.preview} now={now} />
        </section>
      </div>
      {data.staffCopy ? (
        <section class="card" aria-labelledby="staff-copy-h">
          <h2 id="staff-copy-h">名单内容（公示期已满，仅工作人员可见）</h2>
          <RecordContent view={data.staffCopy} />
        </section>
      ) : null}
      {editable ? <UploadForms ctx={ctx} recordId={record.id} attachments={data.attachments} /> : null}
      {isSupervisor ? <PictureChecks ctx={ctx} recordId={record.id} attachments={data.attachments} /> : null}
      {reviewable ? <ReviewPanel ctx={ctx} recordId={record.id} /> : null}
      {current && !open && !record.withdrawnAt ? <PublishedActions ctx={ctx} recordId={record.id} canCorrect={isEditor} canWithdraw={isEditor || isSupervisor} /> : null}
      <VersionHistory versions={data.versions} />
      {editable ? <script src="/static/record-editor.js" defer /> : null}
    </Layout>
  );
}
