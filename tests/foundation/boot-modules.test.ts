import { execFileSync } from 'child_process';
import path from 'path';

/**
 * Issue 14's boot budget: the libraries only a download, an export or the mailbox needs are
 * loaded on first use, not when the app's entry is loaded at boot (≈ 0.3 s of a 2.9 s restart).
 */
const LAZY = ['exceljs', 'pizzip', 'docxtemplater', 'imapflow', 'mailparser'];
const APP_DIR = path.resolve(__dirname, '..', '..');

/** The node_modules packages a fresh Node process holds after requiring `files` of dist/ in turn. */
const packagesLoadedBy = (files: string[]): Set<string> => {
  const script = `${files.map((file) => `require(${JSON.stringify(path.join(APP_DIR, 'dist', file))});`).join('')}
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: APP_DIR, encoding: 'utf8' })) as string[];
  return new Set(loaded.map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1]).filter((name): name is string => Boolean(name)));
};

describe('boot loads no library it does not need yet', () => {
  it('the app entry (register, bootstrap and everything they import) loads none of the on-first-use libraries', () => {
    const loaded = packagesLoadedBy(['src/index.js']);
    expect(loaded.has('@strapi/utils')).toBe(true);
    expect(LAZY.filter((name) => loaded.has(name))).toEqual([]);
  });

  it('the modules that use them load them when they run: the names above are the packages really used', () => {
    const script = `const { newWorkbook } = require(${JSON.stringify(path.join(APP_DIR, 'dist/src/letters/xlsx.js'))});
      const { readTemplate, renderDocx } = require(${JSON.stringify(path.join(APP_DIR, 'dist/src/letters/render.js'))});
      newWorkbook();
      renderDocx(readTemplate(${JSON.stringify(path.join(APP_DIR, 'templates', 'resi.docx'))}), {}, null);
      process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: APP_DIR, encoding: 'utf8' })) as string[];
    for (const name of ['exceljs', 'pizzip', 'docxtemplater']) expect(loaded.some((file) => file.includes(`/node_modules/${name}/`))).toBe(true);
  });
});
