import { z } from 'zod';
import { ORG_CODE } from '../../platform/principal.ts';
import type { Deps } from '../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { uniqueOr } from '../../platform/db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { assertAdminOf, childKindOf, ORG_KIND_LABELS } from './policy.ts';
import * as repo from './repository.ts';
import { bumpPublicVersion } from './publicVersions.ts';
import { ORG_KINDS } from './schema.ts';

const orgInput = z.object({
  code: z.string().trim().regex(ORG_CODE, { error: '代码应为 6 到 12 位数字（行政区划代码）' }),
  name: z.string().trim().min(2, { error: '名称至少 2 个字' }).max(60, { error: '名称不能超过 60 个字' }),
  kind: z.enum(ORG_KINDS, { error: '类型只能是 district、street 或 community' }),
  parentCode: z.string().trim().optional(),
});

export type OrgInput = z.input<typeof orgInput>;

/**
 * Adds an organisation under its parent. `actor.user` is null for the command line (which has
 * the machine's authority); a signed-in admin may only add inside their own subtree.
 */
export async function addOrganisation(deps: Deps, actor: AuditActor & { user: repo.SessionUser | null }, raw: OrgInput): Promise<repo.OrgRow> {
  const input = parseInput(orgInput, raw);
  const parent = input.parentCode ? await repo.findOrgByCode(deps.db.orm, input.parentCode) : null;
  if (input.parentCode && !parent) throw new NotFoundError(`上级组织 ${input.parentCode} 不存在`);
  if (!parent && input.kind !== 'district') throw new ValidationError(`${ORG_KIND_LABELS[input.kind]}必须指定上级组织`);
  if (parent && childKindOf(parent.kind) !== input.kind) {
    throw new ValidationError(`${ORG_KIND_LABELS[parent.kind]}下只能添加${ORG_KIND_LABELS[childKindOf(parent.kind) ?? parent.kind]}`);
  }
  if (actor.user) assertAdminOf(actor.user, parent?.path ?? '/');
  const taken = () => new ConflictError(`代码 ${input.code} 已被使用`);
  if (await repo.findOrgByCode(deps.db.orm, input.code)) throw taken();
  const now = deps.clock.now();
  return uniqueOr(taken, deps.db.transaction(async (tx) => {
    const org = await repo.insertOrg(tx, {
      code: input.code,
      name: input.name,
      kind: input.kind,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${input.code}/`,
      districtCode: parent?.districtCode ?? input.code,
      createdAt: now,
    });
    await bumpPublicVersion(tx, org, 'context'); // the parent's page and the home tree list it
    await appendAudit(tx, actor, { action: 'org.create', subjectType: 'organisation', subjectId: org.code, districtCode: org.districtCode, data: { name: org.name, kind: org.kind, parent: parent?.code ?? null } }, now);
    return org;
  }));
}

/**
 * The staff form names only the parent: the new organisation is the kind that sits below it (a
 * community when the parent is missing or unknown, which addOrganisation then refuses).
 */
export async function addOrganisationUnder(
  deps: Deps,
  actor: AuditActor & { user: repo.SessionUser | null },
  input: { code: string; name: string; parentCode?: string },
): Promise<repo.OrgRow> {
  const parent = input.parentCode ? await repo.findOrgByCode(deps.db.orm, input.parentCode) : null;
  const kind = (parent ? childKindOf(parent.kind) : null) ?? 'community';
  return addOrganisation(deps, actor, { ...input, kind });
}
