import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { findOrganisationById, type SessionUser } from '../org/index.ts';
import { assertCanWaive } from './policy.ts';
import * as repo from './repository.ts';

const waiveInput = z.object({
  reason: z.string().trim().min(4, { error: '请写明免除的理由（至少 4 个字）' }).max(500, { error: '理由不能超过 500 个字' }),
});

/**
 * A street or district admin waives an obligation that does not apply (e.g. no such case arose
 * this quarter), with the reason; who approved it stays on the obligation and in the audit log.
 */
export async function waiveObligation(deps: Deps, actor: AuditActor & { user: SessionUser }, obligationId: number, raw: unknown): Promise<void> {
  const { reason } = parseInput(waiveInput, raw);
  const found = await repo.findObligation(deps.db.orm, obligationId);
  const org = found ? await findOrganisationById(deps, found.orgId) : null;
  if (!found || !org) throw new NotFoundError('没有找到这项公开义务。');
  assertCanWaive(actor.user, org);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const row = await repo.lockObligation(tx, obligationId);
    if (!row || row.waivedAt) throw new ConflictError('这项公开义务已经免除。');
    if (row.fulfilledOn) throw new ConflictError('这项公开义务已经完成公开，无需免除。');
    await repo.updateObligation(tx, row.id, { waivedAt: now, waivedBy: `${actor.user.displayName}（${actor.user.orgName}）`, waiverReason: reason });
    await appendAudit(tx, actor, { action: 'compliance.waive', subjectType: 'compliance_obligation', subjectId: row.id, districtCode: row.districtCode, data: { org: org.code, item: row.itemKey, reason } }, now);
  });
}
