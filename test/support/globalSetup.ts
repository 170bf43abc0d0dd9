import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { dropPostgresTemplates, type RunScope } from './templates.ts';

/** One scope per run for the database templates (test/support/templates.ts), removed at the end. */
export default function setup(project: TestProject): () => Promise<void> {
  const scope: RunScope = { dir: mkdtempSync(join(tmpdir(), 'gk-templates-')), id: randomBytes(4).toString('hex') };
  project.provide('gongkaiTemplates', scope);
  return async () => {
    if (process.env.TEST_DATABASE_URL) await dropPostgresTemplates(scope, process.env.TEST_DATABASE_URL);
    rmSync(scope.dir, { recursive: true, force: true });
  };
}
