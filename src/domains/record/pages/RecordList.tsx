import type { PublicRecordSummary, PublicRecordView } from '../publicView.ts';
import { beijingDate, chineseDate, chineseDateOf } from '../../../platform/time.ts';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Wraps every search term found in `text` in <mark>; Preact escapes the rest. */
function Highlight({ text, terms }: { text: string; terms: string[] }) {
  const usable = terms.filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
  if (usable.length === 0) return <>{text}</>;
  const parts = text.split(new RegExp(`(${usable.map(escapeRegExp).join('|')})`, 'gi'));
  return <>{parts.map((p, i) => (i % 2 === 1 ? <mark key={i}>{p}</mark> : p))}</>;
}

/** A few lines of the text around the first match, for search results. */
function snippet(text: string, terms: string[], width = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const at = Math.min(...terms.map((t) => flat.indexOf(t)).filter((i) => i >= 0), Number.MAX_SAFE_INTEGER);
  if (at === Number.MAX_SAFE_INTEGER) return '';
  const start = Math.max(0, at - width / 2);
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + width * 2)}${start + width * 2 < flat.length ? '…' : ''}`;
}

/** Portal lists give summaries; search results give whole views, whose text the snippet quotes. */
type Listed = PublicRecordSummary & Partial<Pick<PublicRecordView, 'bodyText' | 'tables'>>;

const searchable = (v: Listed) => `${v.bodyText ?? ''} ${(v.tables ?? []).flatMap((t) => t.rows.flat()).join(' ')}`.trim();

function Tags({ view, today }: { view: Listed; today: string }) {
  return (
    <>
      {view.withdrawal ? <span class="tag tag-warn">已撤回</span> : null}
      {view.version > 1 && !view.withdrawal ? <span class="tag">已更正</span> : null}
      {view.audience === 'residents' ? <span class="tag">仅本社区居民</span> : null}
      {view.publicityEndsOn && !view.withdrawal ? (
        today > view.publicityEndsOn ? <span class="tag">公示期满</span> : <span class="tag tag-ok">公示中，至 {chineseDate(view.publicityEndsOn)}</span>
      ) : null}
    </>
  );
}

interface ListProps {
  views: Listed[];
  now: Date;
  terms?: string[];
  showItem?: boolean;
  showCommunity?: boolean;
}

/** Records newest first: title, date, item, and a tag for corrections, withdrawals and 公示. */
export function RecordList({ views, now, terms = [], showItem = true, showCommunity = false }: ListProps) {
  const today = beijingDate(now);
  return (
    <ul class="record-list">
      {views.map((v) => (
        <li key={v.id}>
          <a href={v.url} class="record-title">
            <Highlight text={v.title} terms={terms} />
          </a>
          <div class="muted small">
            {chineseDateOf(v.publishedAt)}
            {showCommunity ? ` · ${v.communityName}` : ''}
            {showItem ? ` · ${v.itemName}` : ''} <Tags view={v} today={today} />
          </div>
          {terms.length > 0 && snippet(searchable(v), terms) ? (
            <p class="small snippet">
              <Highlight text={snippet(searchable(v), terms)} terms={terms} />
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
