import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The house rule (eslint/floors.js) run through the project's own ESLint config on imports that
// must pass and imports that must fail, as a developer's editor and CI would see them.
const eslint = new ESLint({ cwd: process.cwd() });

async function houseErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'house/floors').map((m) => m.message);
}

describe('the one-way house', () => {
  it('refuses a platform file that imports a domain', async () => {
    const errors = await houseErrors('src/platform/example.ts', "import { findOrganisation } from '../domains/org/index.ts';\nexport const x = findOrganisation;\n");
    expect(errors).toEqual([expect.stringContaining('platform 不能依赖更高一层的 org')]);
  });

  it("refuses another domain's repository, schema, routes and pages, even through a dynamic import", async () => {
    const code = [
      "import { findUserById } from '../org/repository.ts';",
      "import { users } from '../org/schema.ts';",
      "import { orgRoutes } from '../org/routes.ts';",
      "import { LoginPage } from '../org/pages/LoginPage.tsx';",
      "export const later = () => import('../org/orgTree.ts');",
      'export const all = [findUserById, users, orgRoutes, LoginPage];',
    ].join('\n');
    const errors = await houseErrors('src/domains/catalog/example.ts', code);
    expect(errors).toHaveLength(5);
    for (const e of errors) expect(e).toMatch(/^请通过 domains\/org\/index\.ts 使用 org 领域/);
  });

  it('refuses a domain that reaches up to a later one', async () => {
    const errors = await houseErrors('src/domains/compliance/example.ts', "import { evidenceForRecords } from '../channel/index.ts';\nexport const x = evidenceForRecords;\n");
    expect(errors).toEqual([expect.stringContaining('compliance 不能依赖更高一层的 channel')]);
  });

  it('lets a domain use an earlier one through its index, and the app register routes', async () => {
    expect(await houseErrors('src/domains/record/example.ts', "import { effectiveCatalogFor } from '../catalog/index.ts';\nexport const x = effectiveCatalogFor;\n")).toEqual([]);
    expect(await houseErrors('src/app/example.ts', "import { recordRoutes } from '../domains/record/routes.ts';\nexport const x = recordRoutes;\n")).toEqual([]);
  });

  it('keeps the test harness out of repositories too', async () => {
    const errors = await houseErrors('test/support/example.ts', "import { insertOrg } from '../../src/domains/org/repository.ts';\nexport const x = insertOrg;\n");
    expect(errors).toHaveLength(1);
  });

  it('holds for the whole source tree as it stands', async () => {
    const results = await eslint.lintFiles(['src', 'test']);
    const broken = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'house/floors').map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(broken).toEqual([]);
  }, 120_000);
});
