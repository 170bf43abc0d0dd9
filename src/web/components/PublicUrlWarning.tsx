import { missingPublicUrl, type LinkConfig } from '../publicUrl.ts';

/**
 * Shown to staff on the home page and beside every print link while PUBLIC_URL is unset: the QR
 * codes on printed sheets would carry the server's own address, which residents' phones cannot
 * open, and a printed sheet cannot be fixed afterwards.
 */
export function PublicUrlWarning({ config }: { config: LinkConfig }) {
  const missing = missingPublicUrl(config);
  if (!missing) return null;
  return (
    <div class="notice notice-warn" role="alert" data-warning="public-url">
      <p>
        <strong>还没有设置本平台的公开网址（PUBLIC_URL）。</strong>现在打印的公开栏张贴单、二维码和推送中的链接会指向 <span class="mono">{missing.fallback}</span>，居民用手机扫码打不开。
      </p>
      <p>
        请系统管理员在启动配置中设置 <span class="mono">PUBLIC_URL</span> 为居民访问本平台的网址（例如 <span class="mono">PUBLIC_URL=https://gongkai.example.gov.cn</span>），重启后再打印。
      </p>
    </div>
  );
}
