import { Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';
import type { PublicRecordView } from '../publicView.ts';
import { RecordContent, RecordFacts } from './RecordView.tsx';
import { chineseDateOf } from '../../../platform/time.ts';

interface Crumb {
  code: string;
  name: string;
}

function Breadcrumb({ trail, tail }: { trail: Crumb[]; tail: { href?: string; label: string }[] }) {
  return (
    <nav class="breadcrumb" aria-label="当前位置">
      <a href="/">首页</a>
      {trail.map((t) => (
        <span key={t.code}>
          {' › '}
          <a href={`/o/${t.code}`}>{t.name}</a>
        </span>
      ))}
      {tail.map((t) => (
        <span key={t.label}>
          {' › '}
          {t.href ? <a href={t.href}>{t.label}</a> : t.label}
        </span>
      ))}
    </nav>
  );
}

function History({ view, current }: { view: PublicRecordView; current: PublicRecordView }) {
  if (current.corrections.length === 0) return null;
  return (
    <section class="card history">
      <h2>更正记录</h2>
      <p class="muted small">已发布的内容不会被改动；每次更正都是一个新版本，各版本如下。</p>
      <ol>
        {current.corrections.map((c) => (
          <li key={c.version}>
            {c.version === view.version ? <strong>第 {c.version} 版（当前查看）</strong> : <a href={`${current.url}/v/${c.version}`}>第 {c.version} 版</a>}，
            {chineseDateOf(c.publishedAt)} 发布{c.replacedBecause ? `；更正原因：${c.replacedBecause}` : ''}
          </li>
        ))}
        <li>
          {view.version === current.version ? <strong>第 {current.version} 版（最新）</strong> : <a href={current.url}>第 {current.version} 版（最新）</a>}，{chineseDateOf(current.updatedAt)} 发布
        </li>
      </ol>
    </section>
  );
}

/**
 * Print and share: the printed sheet (the channel domain's PDF), the QR code of this page, its
 * short address, and the feeds that bring the next records. A 特定群体 record has no public feed.
 */
function ShareLinks({ view, publicUrl }: { view: PublicRecordView; publicUrl: string | null }) {
  const feed = `/feeds/${view.communityCode}`;
  return (
    <section class="card share" aria-labelledby="share-h">
      <h2 id="share-h">打印和分享</h2>
      <div class="share-row">
        <img src={`${view.url}/qr.svg`} alt="本页二维码：用手机扫一扫打开本页" width={120} height={120} class="share-qr" />
        <ul class="share-links">
          <li>
            <a href={`${view.url}/sheet.pdf`}>打印公示单（PDF，A4）</a>
            {' · '}
            <a href={`${view.url}/sheet.pdf?size=A3`}>A3 大幅</a>
          </li>
          <li>
            <a href={`${view.url}/qr.svg`} download={`二维码-${view.id}.svg`}>
              保存本页二维码
            </a>
            ，转发或张贴后扫码即可打开本页
          </li>
          {view.audience === 'public' ? (
            <li>
              订阅更新：<a href={`${feed}/items/${view.itemId}.rss`}>“{view.itemName}”</a>
              {' · '}
              <a href={`${feed}.rss`}>{view.communityName}全部公开</a>（RSS）
            </li>
          ) : null}
          <li class="short-link">
            本页短地址：<span class="mono">{`${publicUrl ?? ''}${view.url}`}</span>
          </li>
        </ul>
      </div>
    </section>
  );
}

interface Props {
  ctx: PageCtx;
  view: PublicRecordView;
  current: PublicRecordView;
  trail: Crumb[];
  itemHref: string;
  now: Date;
  publicUrl: string | null;
}

/** A record as residents read it: facts, content, 更正 history, and its short address for QR codes. */
export function RecordPage({ ctx, view, current, trail, itemHref, now, publicUrl }: Props) {
  const old = view.version !== current.version;
  return (
    <Layout ctx={ctx} title={`${view.title} - ${view.communityName}`}>
      <Breadcrumb trail={trail} tail={[{ href: itemHref, label: view.itemName }, { label: view.title }]} />
      <article class="record">
        {old ? (
          <p class="notice notice-warn" role="note">
            您正在查看第 {view.version} 版，它已被更正。<a href={current.url}>查看最新版本</a>
          </p>
        ) : null}
        <h1>{view.title}</h1>
        <RecordFacts view={view} now={now} />
        <RecordContent view={view} />
        <History view={view} current={current} />
        {/* 疑义 are handled by the request domain; this page only links to its form and trail. */}
        <p class="objection-link">
          <a class="button button-secondary" href={`/r/${current.id}/objection`}>
            对这条公开内容有疑义？点此提出 / 查看处理记录
          </a>
        </p>
        <ShareLinks view={current} publicUrl={publicUrl} />
      </article>
    </Layout>
  );
}

export function RestrictedPage({ ctx, orgName, loggedIn }: { ctx: PageCtx; orgName: string; loggedIn: boolean }) {
  return (
    <Layout ctx={ctx} title="仅向本社区居民公开">
      <h1>仅向本社区居民公开</h1>
      <p class="notice">
        这条记录属于“特定群体”公开事项，只向 {orgName} 的登记居民公开。
        {loggedIn ? '您当前的账户不属于该社区。' : '如果您是该社区居民，请登录后查看；还没有账户的，可以用社区提供的邀请码注册。'}
      </p>
      {loggedIn ? null : (
        <p class="actions">
          <a class="button" href={`/my/login?next=${encodeURIComponent(ctx.path)}`}>
            居民登录
          </a>
          <a href="/register">用邀请码注册</a>
        </p>
      )}
    </Layout>
  );
}
