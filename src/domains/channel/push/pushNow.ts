/** Staff push one record now (or again, after a failure): deliveries made and sent in the request. */
import type { Deps } from '../../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../../platform/audit/index.ts';
import { ConflictError } from '../../../platform/errors.ts';
import type { OrgRow } from '../../org/index.ts';
import type { PublicRecordView } from '../../record/index.ts';
import { processDue } from './deliver.ts';
import { deliveriesFor, targetsOf } from './dispatch.ts';
import type { Senders } from '../mail/senders.ts';
import * as repo from '../repository.ts';
import type { RecordSource } from '../source.ts';

export async function pushRecordNow(deps: Deps, actor: AuditActor, source: RecordSource, senders: Senders, org: OrgRow, view: PublicRecordView): Promise<repo.DeliveryRow[]> {
  if (view.withdrawal) throw new ConflictError('这条记录已撤回，不能再推送。');
  const now = deps.clock.now();
  const rows = deliveriesFor(org, view, await targetsOf(deps, org), now, false);
  if (rows.length === 0) throw new ConflictError('本社区还没有可用的推送机器人或订阅者。');
  const existing = await repo.listDeliveries(deps.db.orm, { orgId: org.id, recordIds: [view.id], limit: 1000 });
  await deps.db.transaction(async (tx) => {
    await repo.insertDeliveries(tx, rows);
    // Deliveries of this version that gave up are tried again from the start.
    for (const d of existing.filter((e) => e.recordVersion === view.version && (e.status === 'failed' || e.status === 'skipped'))) {
      await repo.updateDelivery(tx, d.id, { status: 'pending', attempts: 0, nextAttemptAt: now, claimedUntil: null });
    }
    await appendAudit(tx, actor, { action: 'channel.push_now', subjectType: 'record', subjectId: view.id, districtCode: org.districtCode, data: { version: view.version, targets: rows.length } }, now);
  });
  const mine = await repo.listDeliveries(deps.db.orm, { orgId: org.id, recordIds: [view.id], limit: 1000 });
  const ids = mine.filter((d) => d.recordVersion === view.version && d.status === 'pending').map((d) => d.id);
  await processDue(deps, source, senders, { ids });
  return repo.listDeliveries(deps.db.orm, { orgId: org.id, recordIds: [view.id], limit: 1000 });
}
