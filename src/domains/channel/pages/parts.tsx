/** Small pieces the channel staff pages share. */
import type { ComponentChildren } from 'preact';
import { Layout } from '../../../web/layout.tsx';
import type { PageCtx } from '../../../web/page.ts';

export interface OrgRef {
  code: string;
  name: string;
}

/** Links inside the channel pages keep `?org=` when an admin looks at another community. */
export const withOrg = (href: string, org: OrgRef, own: boolean): string => (own ? href : `${href}${href.includes('?') ? '&' : '?'}org=${org.code}`);

export function ChannelLayout({ ctx, org, own, title, children }: { ctx: PageCtx; org: OrgRef; own: boolean; title: string; children: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={`${title} - ${org.name}`}>
      <p class="breadcrumb">
        <a href="/staff">工作台</a> › <a href={withOrg('/staff/channel', org, own)}>{org.name}公开渠道</a> › {title}
      </p>
      <h1>{title}</h1>
      {children}
    </Layout>
  );
}

export function Notice({ ok, error }: { ok?: string | null; error?: string | null }) {
  if (error)
    return (
      <p class="notice notice-error" role="alert">
        {error}
      </p>
    );
  if (ok)
    return (
      <p class="notice notice-ok" role="status">
        {ok}
      </p>
    );
  return null;
}

/** A hidden `org` field for forms about another community. */
export function OrgField({ org, own }: { org: OrgRef; own: boolean }) {
  return own ? null : <input type="hidden" name="org" value={org.code} />;
}
