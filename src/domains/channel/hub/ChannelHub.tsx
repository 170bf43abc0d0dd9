import { PublicUrlWarning } from '../../../web/components/PublicUrlWarning.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { LinkConfig } from '../../../web/publicUrl.ts';
import type { PageCtx } from '../../../web/page.ts';
import { withOrg, type OrgRef } from '../pages/parts.tsx';

export interface HubProps {
  ctx: PageCtx;
  org: OrgRef;
  own: boolean;
  month: string;
  counts: { screens: number; webhooks: number; subscribers: number };
  links: LinkConfig;
}

/** A community's channels at a glance: screen, robots, subscribers, sheets, evidence. */
export function ChannelHub({ ctx, org, own, month, counts, links }: HubProps) {
  const link = (href: string) => withOrg(href, org, own);
  return (
    <Layout ctx={ctx} title={`${org.name}公开渠道`}>
      <p class="breadcrumb">
        <a href="/staff">工作台</a> › 公开渠道
      </p>
      <h1>{org.name}公开渠道</h1>
      <PublicUrlWarning config={links} />
      <ul class="tiles channel-tiles">
        <li>
          <a href={link('/staff/channel/evidence')}>渠道公开证据</a>
          <span class="small muted">每条记录是否已通过要求的渠道公开</span>
        </li>
        <li>
          <a href={link('/staff/channel/screen')}>电子屏与播放列表</a>
          <span class="small muted">{counts.screens} 块电子屏</span>
        </li>
        <li>
          <a href={link('/staff/channel/webhooks')}>群机器人推送</a>
          <span class="small muted">{counts.webhooks} 个机器人</span>
        </li>
        <li>
          <a href={link('/staff/channel/staff-group')}>工作群提醒</a>
          <span class="small muted">审核和督办提醒到工作人员的企业微信、钉钉或飞书群</span>
        </li>
        <li>
          <a href={link('/staff/channel/subscriptions')}>邮件订阅</a>
          <span class="small muted">{counts.subscribers} 位订阅者</span>
        </li>
        <li>
          <a href={`/o/${org.code}/board/${month}.pdf`}>本月公开栏汇编（PDF）</a>
          <span class="small muted">A4 打印，每条带二维码</span>
        </li>
        <li>
          <a href={`/screen/${org.code}`}>打开电子屏页面</a>
          <span class="small muted">
            横屏；<a href={`/screen/${org.code}?o=portrait`}>竖屏</a>
          </span>
        </li>
        <li>
          <a href={`/o/${org.code}/subscribe`}>居民订阅页面</a>
          <span class="small muted">
            <a href={`/feeds/${org.code}.rss`}>RSS</a> · <a href={`/feeds/${org.code}.atom`}>Atom</a> · <a href={`/feeds/${org.code}.json`}>JSON Feed</a>
          </span>
        </li>
      </ul>
    </Layout>
  );
}

/** For admins: which community's channels to open. */
export function CommunityPicker({ ctx, communities }: { ctx: PageCtx; communities: OrgRef[] }) {
  return (
    <Layout ctx={ctx} title="公开渠道">
      <h1>公开渠道</h1>
      <p>公开渠道按社区（村）设置。请选择一个社区（村）：</p>
      <ul class="org-list">
        {communities.map((c) => (
          <li key={c.code}>
            <a href={`/staff/channel?org=${c.code}`}>{c.name}</a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/staff/channel/evidence">查看辖区渠道公开证据汇总</a>
      </p>
    </Layout>
  );
}
