#!/usr/bin/env node
/*
 * Redraws the SOP diagrams from their definitions: docs/diagrams/<model>.svg for every workflow
 * and the README section between <!-- diagrams:start --> and <!-- diagrams:end -->.
 * Run `npm run diagrams` after changing a definition; tests/domain/diagrams-up-to-date.test.ts
 * fails until you do.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { DIAGRAMS_DIR, readmeSection, replaceSection, svgFile } = require('./diagrams-readme');

const appDir = path.resolve(__dirname, '..');
// The engine (the diagram) lives in the SOP plugin; the definitions in src/sop-defs.
const sourceDir = path.join(appDir, 'src', 'plugins', 'sop', 'server', 'src', 'engine');
const compiledDir = path.join(appDir, 'dist', 'src', 'plugins', 'sop', 'server', 'src', 'engine');

const tsFiles = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });

// The definitions are data in src/sop-defs (definition.json and each SOP's vocabulary).
const defsDir = path.join(appDir, 'src', 'sop-defs');
const compiledDefsDir = path.join(appDir, 'dist', 'src', 'sop-defs');
const defFiles = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return defFiles(full);
    return entry.name.endsWith('.json') || (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) ? [full] : [];
  });

/** The compiled domain (or definitions) is missing, or older than one of its sources. */
const isStale = () =>
  [
    ...tsFiles(sourceDir).map((source) => [source, path.join(compiledDir, path.relative(sourceDir, source))]),
    ...(fs.existsSync(defsDir) ? defFiles(defsDir) : []).map((source) => [source, path.join(compiledDefsDir, path.relative(defsDir, source))]),
  ].some(([source, target]) => {
    const compiled = target.replace(/\.ts$/, '.js');
    return !fs.existsSync(compiled) || fs.statSync(compiled).mtimeMs < fs.statSync(source).mtimeMs;
  });

const ensureCompiled = async () => {
  if (!isStale()) return;
  console.log('[meja-sandi] dist/ belum ada atau lebih lama dari mesin SOP atau src/sop-defs: mengompilasi TypeScript dahulu …');
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir });
};

const writeIfChanged = (file, text) => {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return false;
  fs.writeFileSync(file, text);
  return true;
};

const main = async () => {
  await ensureCompiled();
  const { WORKFLOWS } = require(path.join(compiledDefsDir, 'index.js'));
  const { diagramsMarkdown, toSvg } = require(path.join(compiledDefsDir, 'diagram.js'));
  const definitions = Object.values(WORKFLOWS);

  const diagramsDir = path.join(appDir, DIAGRAMS_DIR);
  fs.mkdirSync(diagramsDir, { recursive: true });
  const wanted = new Set(definitions.map((definition) => path.basename(svgFile(definition.model))));
  const changed = [];
  for (const definition of definitions) {
    const relative = svgFile(definition.model);
    if (writeIfChanged(path.join(appDir, relative), toSvg(definition))) changed.push(relative);
  }
  // a workflow that no longer exists leaves no picture behind
  for (const name of fs.readdirSync(diagramsDir)) {
    if (name.endsWith('.svg') && !wanted.has(name)) {
      fs.unlinkSync(path.join(diagramsDir, name));
      changed.push(`${DIAGRAMS_DIR}/${name} (dihapus)`);
    }
  }

  const readmePath = path.join(appDir, 'README.md');
  const readme = fs.readFileSync(readmePath, 'utf8');
  if (writeIfChanged(readmePath, replaceSection(readme, readmeSection(definitions, diagramsMarkdown)))) changed.push('README.md');

  console.log(
    changed.length > 0
      ? `[meja-sandi] Diagram ${definitions.length} alur diperbarui: ${changed.join(', ')}.`
      : `[meja-sandi] Diagram ${definitions.length} alur sudah sesuai definisi; tidak ada yang diubah.`
  );
};

main().catch((error) => {
  const compiledMissing = error && error.code === 'MODULE_NOT_FOUND';
  console.error(`[meja-sandi] Gagal membuat diagram: ${error && error.message}`);
  if (compiledMissing) console.error('[meja-sandi] Jalankan `npm run build` (atau `npx jest` sekali) agar dist/ tersedia, lalu ulangi.');
  process.exit(1);
});
