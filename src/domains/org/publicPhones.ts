import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { assertAdminOf } from './policy.ts';
import { bumpPublicVersion } from './publicVersions.ts';
import * as repo from './repository.ts';

const MAX_PHONES = 5;
// A landline with its area code, a mobile, a 400/800 service line or a short hotline (12345).
const PHONE = /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|[48]00-?\d{3}-?\d{4}|\d{5,6})$/;

const phonesInput = z.object({ phones: z.string({ error: '输入有误' }).max(500, { error: '内容太长' }).default('') });

/** One number per line (or separated by commas); blank lines ignored; each checked and written without spaces. */
export function parsePublicPhones(text: string): string[] {
  const phones = text
    .split(/[\n,，;；、]+/)
    .map((p) => p.replace(/[\s（）()]/g, '').replace(/[－—]/g, '-'))
    .filter(Boolean);
  const bad = phones.find((p) => !PHONE.test(p));
  if (bad) throw new ValidationError(`“${bad.slice(0, 30)}”不是电话号码。请写带区号的固定电话（如 0432-62451234）、手机号或服务热线，一行一个。`);
  if (phones.length > MAX_PHONES) throw new ValidationError(`最多登记 ${MAX_PHONES} 个公开电话。`);
  return [...new Set(phones)];
}

/**
 * An admin lists the organisation's public numbers (监督电话, 服务热线). They are shown unmasked
 * on its public pages, so this is an admin's decision, audited, and it moves the public version
 * of the organisation and everything below (records show them).
 */
export async function setPublicPhones(deps: Deps, actor: AuditActor & { user: repo.SessionUser | null }, code: string, raw: unknown): Promise<repo.OrgRow> {
  const org = await repo.findOrgByCode(deps.db.orm, code);
  if (!org) throw new NotFoundError('没有找到这个组织。');
  if (actor.user) assertAdminOf(actor.user, org.path);
  const phones = parsePublicPhones(parseInput(phonesInput, raw).phones);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.updateOrg(tx, org.id, { publicPhones: phones });
    await bumpPublicVersion(tx, org, 'context');
    await appendAudit(tx, actor, { action: 'org.public_phones', subjectType: 'organisation', subjectId: org.code, districtCode: org.districtCode, data: { phones } }, now);
  });
  return { ...org, publicPhones: phones };
}
