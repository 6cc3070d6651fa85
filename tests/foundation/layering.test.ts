import { spawnSync } from 'child_process';
import path from 'path';

/**
 * Proves the layering rules of `.dependency-cruiser.cjs` (run on the real tree by `npm run deps:check`
 * in CI) on a miniature app, tests/fixtures/layering/: each rule fires on the files written to break
 * it and on nothing else, so a rule that silently matches nothing (a mistyped path) fails here.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'layering');

type Violation = { rule: { name: string; severity: string }; from: string; to: string };

const cruise = (): Violation[] => {
  const run = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'),
      'src',
      '--config',
      path.join(ROOT, '.dependency-cruiser.cjs'),
      '--output-type',
      'json',
    ],
    { cwd: FIXTURE, encoding: 'utf8', timeout: 60_000 }
  );
  if (!run.stdout) throw new Error(`dependency-cruiser gagal dijalankan: ${run.stderr || run.error?.message}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
};

describe('layering rules (dependency-cruiser) on tests/fixtures/layering', () => {
  let violations: Violation[];

  beforeAll(() => {
    violations = cruise();
  });

  const found = (rule: string) =>
    violations
      .filter((violation) => violation.rule.name === rule)
      .map(({ from, to }) => `${from} → ${to.replace(/^(\.\.\/)+node_modules\//, 'node_modules/')}`)
      .sort();

  it('plugin-imports-nothing-from-the-app: the plugin importing the app fails; its own files, packages and built-ins pass', () => {
    expect(found('plugin-imports-nothing-from-the-app')).toEqual([
      'src/plugins/sop/server/src/services/violates-plugin-imports-nothing-from-the-app.ts → src/domain/roles.ts',
    ]);
  });

  it('engine-is-pure: the engine and src/domain reaching Strapi, knex, glue or plugin services fail; zod, crypto and domain files pass', () => {
    expect(found('engine-is-pure')).toEqual([
      'src/domain/violates-engine-is-pure-framework.ts → node_modules/@strapi/utils/dist/index.js',
      'src/domain/violates-engine-is-pure-glue.ts → src/sop/governed.ts',
      'src/domain/violates-engine-is-pure-knex.ts → node_modules/knex/knex.js',
      'src/plugins/sop/server/src/engine/violates-engine-is-pure-type-only.ts → node_modules/@strapi/strapi/dist/index.d.ts',
      'src/plugins/sop/server/src/engine/violates-engine-is-pure.ts → src/plugins/sop/server/src/services/registry.ts',
    ]);
  });

  it('sop-defs-do-not-import-each-other: one SOP importing another fails; its own files, the domain and the engine barrel pass', () => {
    expect(found('sop-defs-do-not-import-each-other')).toEqual([
      'src/sop-defs/kriptogram/violates-sop-defs-do-not-import-each-other.ts → src/sop-defs/berita/facts.ts',
    ]);
  });

  it('app-reaches-the-plugin-through-its-entry-points: a file behind the entry fails; the server entry and the engine barrel pass', () => {
    expect(found('app-reaches-the-plugin-through-its-entry-points')).toEqual([
      'src/app/violates-app-reaches-the-plugin-through-its-entry-points.ts → src/plugins/sop/server/src/services/registry.ts',
    ]);
  });

  it('no-circular: two modules importing each other fail', () => {
    expect(found('no-circular')).toEqual(['src/cycle/violates-no-circular-a.ts → src/cycle/violates-no-circular-b.ts']);
  });

  it('no-circular-folders: two folders importing each other through different files fail', () => {
    expect(found('no-circular-folders')).toEqual(['src/left → src/right', 'src/right → src/left']);
  });

  it('not-to-unresolvable: a relative import of a missing file fails; a deep type import from a package passes', () => {
    expect(found('not-to-unresolvable')).toEqual(['src/app/violates-not-to-unresolvable.ts → ./missing']);
  });

  it('every violation is an error (CI fails on it) and every fixture file meant to break a rule does', () => {
    expect(violations.every((violation) => violation.rule.severity === 'error')).toBe(true);
    expect(violations).toHaveLength(12);
  });
});
