/** Rows as the staff pages show them: secrets masked, dates kept for formatting. */
import type { WebhookFormat, WebhookKind } from '../push/request.ts';
import type { DeliveryView, HookView } from '../pages/WebhookPages.tsx';
import type { DeliveryRow, WebhookRow } from '../repository.ts';
import { maskSecret, maskUrl } from '../secrets.ts';

export const deliveryView = (d: DeliveryRow): DeliveryView => ({
  id: d.id,
  at: d.lastAttemptAt ?? d.createdAt,
  recordId: d.recordId,
  version: d.recordVersion,
  status: d.status,
  attempts: d.attempts,
  detail: d.detail,
  responseStatus: d.responseStatus,
  nextAttemptAt: d.nextAttemptAt,
});

export const hookView = (w: WebhookRow): HookView => ({
  id: w.id,
  name: w.name,
  kind: w.kind as WebhookKind,
  format: w.format as WebhookFormat,
  maskedUrl: maskUrl(w.url),
  maskedSecret: maskSecret(w.secret),
  countsAs: w.countsAs,
  enabled: w.enabled,
});
