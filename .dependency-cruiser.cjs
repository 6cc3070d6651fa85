// Layering rules of Meja Sandi, checked by `npm run deps:check` (dependency-cruiser) in CI.
// The map they enforce is in ARCHITECTURE.md ("Where it goes"):
//   src/plugins/sop/          the SOP engine as a Strapi plugin: imports nothing from the app
//     server/src/engine/      its pure part (decide, vocabulary, validate, …)
//   src/sop-defs/<sop>/       one registration per SOP, independent of the others
//   src/domain/               pure app rules: no framework, no glue
// tests/foundation/layering.test.ts proves every rule on tests/fixtures/layering/.
// Paths are matched relative to the folder depcruise runs in (the repository root, or the
// fixture root in that test), so node_modules patterns are not anchored.

/** The plugin's public doors: the server entry (what Strapi loads) and the engine barrel. */
const PLUGIN_ENTRY_POINTS = [
  '^src/plugins/sop/server/src/index\\.ts$',
  '^src/plugins/sop/server/src/engine/index\\.ts$',
  '^src/plugins/sop/admin/src/index\\.tsx?$',
];

/** Everything that is framework, database or glue: what pure code must not reach. */
const IMPURE = [
  '(^|/)node_modules/@strapi/',
  '(^|/)node_modules/knex/',
  '^src/sop(/|\\.ts$)',
  '^src/api/',
  '^src/plugins/[^/]+/server/src/(services|middlewares|routes|controllers)/',
  '^src/bootstrap/',
  '^src/files/',
  '^src/letters/',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'plugin-imports-nothing-from-the-app',
      severity: 'error',
      comment:
        'The SOP plugin is meant to serve any app: it may import its own files, packages and Node built-ins, never the app ' +
        '(the app registers its SOPs, vocabulary, roles and schedule with the plugin at run time instead).',
      from: { path: '^src/plugins/sop/' },
      to: { pathNot: ['^src/plugins/sop/', '(^|/)node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'engine-is-pure',
      severity: 'error',
      comment:
        'The engine and src/domain are pure rules: no Strapi, no knex, no glue (src/sop, src/api, the plugin services, ' +
        'middlewares, routes and controllers, src/bootstrap, src/files, src/letters). zod, Node built-ins and other pure files are fine.',
      from: { path: ['^src/plugins/sop/server/src/engine/', '^src/domain/'] },
      to: { path: IMPURE },
    },
    {
      name: 'sop-defs-do-not-import-each-other',
      severity: 'error',
      comment: 'Each SOP registration stands alone: what two SOPs share belongs in the plugin vocabulary or in src/domain.',
      from: { path: '^src/sop-defs/([^/]+)/' },
      to: { path: '^src/sop-defs/([^/]+)/', pathNot: '^src/sop-defs/$1/' },
    },
    {
      name: 'app-reaches-the-plugin-through-its-entry-points',
      severity: 'error',
      comment:
        'Outside the plugin, import only its server entry (src/plugins/sop/server/src/index.ts), its engine barrel ' +
        '(src/plugins/sop/server/src/engine/index.ts) or its admin entry — never a file behind them.',
      from: { path: '^src/', pathNot: '^src/plugins/sop/' },
      to: { path: '^src/plugins/sop/', pathNot: PLUGIN_ENTRY_POINTS },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other (directly or through others) cannot be understood, tested or moved apart.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      comment:
        'Folders that import each other (e.g. src/sop → src/letters → src/sop, through different files) are one layer in two ' +
        'places: move the shared part down or turn one direction into a registration.',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'A relative import that does not resolve cannot be checked by the rules above. Package imports are left to tsc: ' +
        'TypeScript reads types past a package exports map, which this resolver honours.',
      from: { path: '^src/' },
      to: { couldNotResolve: true, path: '^\\.' },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: ['^dist/', '^build/', '^\\.strapi/', '^\\.tmp/'] },
    // type-only imports count: an engine that imports a type from the app is still tied to it
    tsPreCompilationDeps: true,
    moduleSystems: ['cjs', 'es6'],
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
