/**
 * RSS 2.0, Atom 1.0 and JSON Feed of a community's (or one item's) public records. Only
 * 全社会 records; lists of people are summarised, not copied, because a feed reader keeps
 * what it fetched long after a publicity period has ended.
 */
import { Feed } from 'feed';
import type { PublicRecordView, PublicTable } from '../../record/index.ts';
import { guardView } from '../guard.ts';
import { recordUrl } from '../links.ts';
import { correctionText, excerpt, isPersonalTable, periodText, publicityText, tableSummary, versionText, withdrawalText } from '../text.ts';

export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export interface FeedScope {
  communityName: string;
  /** Set for a feed of one 公开事项. */
  itemName?: string;
  /** The page the feed belongs to, e.g. /o/220202001001. */
  homePath: string;
  /** The feed's own path without extension, e.g. /feeds/220202001001. */
  selfPath: string;
}

export const MAX_FEED_ITEMS = 50;

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cdataSafe = (s: string): string => s.replace(/]]>/g, ']]&gt;');

function tableHtml(table: PublicTable, link: string): string {
  if (isPersonalTable(table)) return `<p>${escapeHtml(tableSummary(table))}：<a href="${escapeHtml(link)}">查看原文</a></p>`;
  const head = table.columns.map((c) => `<th>${escapeHtml(c.name)}</th>`).join('');
  const rows = table.rows.map((r) => `<tr>${r.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('');
  return `<table><caption>${escapeHtml(table.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function contentHtml(view: PublicRecordView, link: string): string {
  const notes = [withdrawalText(view), periodText(view), publicityText(view), versionText(view), correctionText(view)]
    .filter(Boolean)
    .map((t) => `<p><strong>${escapeHtml(t!)}</strong></p>`);
  const tables = view.tables.map((t) => tableHtml(t, link));
  const withdrawn = view.listWithdrawnNote ? [`<p>${escapeHtml(view.listWithdrawnNote)}</p>`] : [];
  const files = view.attachments.length > 0 ? [`<p>附件 ${view.attachments.length} 个：<a href="${escapeHtml(link)}">在网上查看</a></p>`] : [];
  return cdataSafe([...notes, view.bodyHtml, ...tables, ...withdrawn, ...files].join('\n'));
}

// Atom declares entry titles and summaries type="html", and RSS readers render descriptions as
// HTML: plain text is escaped there so that a title like “<b>” or “&amp;” shows as typed. JSON
// Feed's title and summary are plain text already.
function entryOf(format: FeedFormat, view: PublicRecordView, baseUrl: string): Parameters<Feed['addItem']>[0] {
  const asHtml = (s: string) => cdataSafe(escapeHtml(s));
  const title = view.withdrawal ? `【已撤回】${view.title}` : view.title;
  const description = view.withdrawal ? withdrawalText(view)! : excerpt(view.bodyText, 200);
  const link = recordUrl(baseUrl, view.id);
  return {
    id: link,
    title: format === 'atom' ? asHtml(title) : title,
    link,
    date: view.updatedAt,
    published: view.publishedAt,
    description: format === 'json' ? description : asHtml(description),
    content: contentHtml(view, link),
    category: [{ name: view.itemName }],
  };
}

export function buildFeed(format: FeedFormat, scope: FeedScope, all: PublicRecordView[], baseUrl: string, now: Date): string {
  const views = all
    .filter((v) => v.audience === 'public')
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
    .slice(0, MAX_FEED_ITEMS)
    .map(guardView);
  const title = scope.itemName ? `${scope.communityName} · ${scope.itemName}` : `${scope.communityName}居务公开`;
  const updated = views.reduce<Date | null>((max, v) => (!max || v.updatedAt > max ? v.updatedAt : max), null) ?? now;
  const feed = new Feed({
    id: baseUrl + scope.selfPath,
    title,
    description: `${title}：依法主动公开的事项，来自公开 · 居务村务公开平台。`,
    link: baseUrl + scope.homePath,
    language: 'zh-CN',
    updated,
    generator: '公开 · 居务村务公开平台',
    feedLinks: { rss: `${baseUrl}${scope.selfPath}.rss`, atom: `${baseUrl}${scope.selfPath}.atom`, json: `${baseUrl}${scope.selfPath}.json` },
    author: { name: scope.communityName, link: baseUrl + scope.homePath },
    copyright: `${scope.communityName}依法公开`,
    ttl: 30,
  });
  for (const view of views) feed.addItem(entryOf(format, view, baseUrl));
  return format === 'rss' ? feed.rss2() : format === 'atom' ? feed.atom1() : feed.json1();
}
