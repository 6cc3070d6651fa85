import { existsSync, readFileSync, readdirSync } from 'fs';
import path from 'path';
import { WORKFLOWS } from '../../src/sop-defs';
import { diagramsMarkdown, toSvg } from '../../src/sop-defs/diagram';
import { DIAGRAMS_DIR, END, START, extractSection, readmeSection, replaceSection, svgFile } from '../../scripts/diagrams-readme';

const APP_DIR = path.resolve(__dirname, '..', '..');
const DEFINITIONS = Object.values(WORKFLOWS);
const HINT = 'jalankan npm run diagrams';

const read = (relative: string): string | null => {
  const file = path.join(APP_DIR, relative);
  return existsSync(file) ? readFileSync(file, 'utf8').replace(/\r\n/g, '\n') : null;
};

/** Where the two texts part, with a little context: an SVG is one long line. */
const firstDifference = (actual: string, expected: string): string => {
  let at = 0;
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at += 1;
  const line = expected.slice(0, at).split('\n').length;
  const excerpt = (text: string): string => JSON.stringify(text.slice(Math.max(0, at - 30), at + 50));
  return `baris ${line}, karakter ${at + 1}: tertulis ${excerpt(actual)}, seharusnya ${excerpt(expected)}`;
};

/** Fails with the hint, since a plain toEqual on a whole SVG says nothing about what to do. */
const expectCurrent = (what: string, actual: string | null, expected: string): void => {
  if (actual === expected) return;
  const problem = actual === null ? 'belum ada' : `tidak sesuai definisi SOP (${firstDifference(actual, expected)})`;
  throw new Error(`${what} ${problem}; ${HINT} lalu sertakan hasilnya dalam commit.`);
};

describe('diagrams in the README and docs/diagrams are generated from the current definitions', () => {
  it('README.md holds the section between the markers', () => {
    const readme = read('README.md');
    if (readme === null) throw new Error('README.md tidak ditemukan.');
    expect(readme).toContain(`## Alur SOP (dibuat dari definisi)\n\n${START}\n`);
    expectCurrent(`Bagian diagram README.md (di antara ${START} dan ${END})`, extractSection(readme), readmeSection(DEFINITIONS, diagramsMarkdown));
  });

  it.each(DEFINITIONS.map((definition) => [svgFile(definition.model), definition] as const))('%s', (relative, definition) => {
    expectCurrent(relative, read(relative), toSvg(definition));
  });

  it(`${DIAGRAMS_DIR} holds no picture of a workflow that no longer exists`, () => {
    const directory = path.join(APP_DIR, DIAGRAMS_DIR);
    const present = existsSync(directory) ? readdirSync(directory).filter((name) => name.endsWith('.svg')) : [];
    const stale = present.filter((name) => !DEFINITIONS.some((definition) => svgFile(definition.model) === `${DIAGRAMS_DIR}/${name}`));
    if (stale.length > 0) throw new Error(`${DIAGRAMS_DIR} memuat diagram alur yang tidak lagi ada (${stale.join(', ')}); ${HINT}.`);
  });

  it('links every SVG from the README section', () => {
    const section = readmeSection(DEFINITIONS, diagramsMarkdown);
    for (const definition of DEFINITIONS) expect(section).toContain(`](${svgFile(definition.model)})`);
    expect(section).toContain(diagramsMarkdown(DEFINITIONS).trimEnd());
  });

  it('the section replacement keeps the text around the markers and is idempotent', () => {
    const readme = `# Judul\n\nTeks awal.\n\n${START}\nlama\n${END}\n\nTeks akhir.\n`;
    const once = replaceSection(readme, 'baru\n');
    expect(once).toBe(`# Judul\n\nTeks awal.\n\n${START}\nbaru\n${END}\n\nTeks akhir.\n`);
    expect(replaceSection(once, 'baru\n')).toBe(once);
    expect(extractSection(once)).toBe('baru\n');
    expect(() => replaceSection('tanpa penanda', 'x')).toThrow(/penanda/);
    expect(() => replaceSection(`${END}\n${START}`, 'x')).toThrow(/penanda/);
  });
});
