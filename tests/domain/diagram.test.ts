import { DOMParser } from '@xmldom/xmldom';
import { BERITA } from '../../src/sop-defs/berita/workflow';
import { WORKFLOWS } from '../../src/sop-defs';
import { diagramsMarkdown, edgeCaption, toMermaid, toSvg } from '../../src/sop-defs/diagram';
import type { State, WorkflowDefinition } from '../../src/plugins/sop/server/src/engine/types';

const ALL = Object.values(WORKFLOWS);

// ---------------------------------------------------------------------------------------------
// A strict well-formedness check. @xmldom/xmldom (used below for querying) accepts a bare "&" and
// control characters, so this scanner is what proves the escaping.

const isNameStart = (code: number): boolean =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 58 || code >= 0x80;
const isNameChar = (code: number): boolean => isNameStart(code) || (code >= 48 && code <= 57) || code === 45 || code === 46;
const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;
const isHex = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
const isXmlChar = (code: number): boolean => code === 9 || code === 10 || code === 13 || (code >= 0x20 && code !== 0xfffe && code !== 0xffff);

const NAMED_ENTITIES = ['amp', 'lt', 'gt', 'quot', 'apos'];

const assertWellFormed = (source: string): void => {
  let at = 0;
  const fail = (message: string): never => {
    throw new Error(`not well-formed at ${at}: ${message}`);
  };
  const code = (): number => source.charCodeAt(at);
  const startsWith = (text: string): boolean => source.startsWith(text, at);
  const skipUntil = (end: string): void => {
    const found = source.indexOf(end, at);
    if (found < 0) fail(`missing "${end}"`);
    at = found + end.length;
  };
  const readName = (): string => {
    const start = at;
    if (!isNameStart(code())) fail('invalid name');
    while (at < source.length && isNameChar(code())) at += 1;
    return source.slice(start, at);
  };
  const readReference = (): void => {
    at += 1;
    if (code() === 35) {
      at += 1;
      const hex = code() === 120;
      if (hex) at += 1;
      const start = at;
      while (at < source.length && (hex ? isHex(code()) : code() >= 48 && code() <= 57)) at += 1;
      if (at === start) fail('empty character reference');
    } else {
      const name = readName();
      if (!NAMED_ENTITIES.includes(name)) fail(`unknown entity &${name};`);
    }
    if (code() !== 59) fail('reference without ";"');
    at += 1;
  };
  const checkCharacter = (): void => {
    const current = source.codePointAt(at) ?? 0;
    if (current >= 0xd800 && current <= 0xdfff) fail('lone surrogate');
    if (!isXmlChar(current)) fail(`forbidden character U+${current.toString(16)}`);
    at += current > 0xffff ? 2 : 1;
  };

  const stack: string[] = [];
  let roots = 0;
  while (at < source.length) {
    if (startsWith('<!--')) skipUntil('-->');
    else if (startsWith('<![CDATA[')) {
      if (stack.length === 0) fail('CDATA outside an element');
      skipUntil(']]>');
    } else if (startsWith('<?')) skipUntil('?>');
    else if (startsWith('<!')) fail('unexpected declaration');
    else if (startsWith('</')) {
      at += 2;
      const name = readName();
      while (isSpace(code())) at += 1;
      if (code() !== 62) fail('end tag without ">"');
      at += 1;
      if (stack.pop() !== name) fail(`mismatched end tag </${name}>`);
    } else if (code() === 60) {
      at += 1;
      const name = readName();
      if (stack.length === 0) roots += 1;
      const attributes = new Set<string>();
      for (;;) {
        const hadSpace = isSpace(code());
        while (isSpace(code())) at += 1;
        if (startsWith('/>')) {
          at += 2;
          break;
        }
        if (code() === 62) {
          at += 1;
          stack.push(name);
          break;
        }
        if (!hadSpace) fail('attributes not separated by space');
        const attribute = readName();
        if (attributes.has(attribute)) fail(`duplicate attribute ${attribute}`);
        attributes.add(attribute);
        while (isSpace(code())) at += 1;
        if (code() !== 61) fail('attribute without "="');
        at += 1;
        while (isSpace(code())) at += 1;
        const quote = code();
        if (quote !== 34 && quote !== 39) fail('unquoted attribute value');
        at += 1;
        while (code() !== quote) {
          if (at >= source.length) fail('unterminated attribute value');
          if (code() === 60) fail('"<" in attribute value');
          if (code() === 38) readReference();
          else checkCharacter();
        }
        at += 1;
      }
    } else if (code() === 38) {
      if (stack.length === 0) fail('reference outside an element');
      readReference();
    } else {
      if (stack.length === 0 && !isSpace(code())) fail('text outside the root element');
      checkCharacter();
    }
  }
  if (stack.length > 0) fail(`unclosed <${stack[stack.length - 1]}>`);
  if (roots !== 1) fail(`expected one root element, found ${roots}`);
};

type Node = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<Node> };
type Element = Node & { getAttribute(name: string): string | null };

const parseSvg = (svg: string) => {
  assertWellFormed(svg);
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(svg, 'image/svg+xml');
};

const elements = (svg: string): Element[] => Array.from(parseSvg(svg).getElementsByTagName('*') as unknown as ArrayLike<Element>);

/** What a reader sees: the text of every <text>, one string per element. */
const visibleTexts = (svg: string): string[] =>
  elements(svg)
    .filter((element) => element.nodeName === 'text')
    .map((element) =>
      Array.from(element.childNodes)
        .map((span) => span.textContent ?? '')
        .join(' ')
    );

const svgHeight = (svg: string): number => Number(parseSvg(svg).documentElement?.getAttribute('height'));

const linear = (count: number): WorkflowDefinition => {
  const states: State[] = Array.from({ length: count }, (_, index) => ({
    key: `t${index}`,
    label: `Tahap ${index}`,
    ...(index === count - 1 ? { final: true } : {}),
  }));
  return {
    model: 'uji',
    uid: 'api::uji.uji',
    title: 'Alur uji',
    initial: 't0',
    states,
    transitions: states.slice(1).map((state, index) => ({
      from: [`t${index}`],
      to: state.key,
      label: `Lanjut ke ${state.label}`,
      roles: ['operator' as const],
    })),
  };
};

const TRICKY: WorkflowDefinition = {
  model: 'uji <x>',
  uid: 'api::uji.uji',
  title: 'Uji <script>alert("x")</script> & \'kutip\'',
  initial: 'a',
  states: [
    { key: 'a', label: 'Awal <baru> & "siap"' },
    { key: 'b', label: 'Tengah: A; B # C ]]> D' },
    { key: 'c', label: 'Selesai', final: true },
    { key: 'x', label: 'Batal & "hapus"', final: true },
  ],
  transitions: [
    { from: ['a'], to: 'b', label: 'Setujui "A" & <B>', roles: ['kasi'] },
    { from: ['b'], to: 'c', label: 'Tutup: selesai; arsip', roles: ['operator', 'petugasPengaduan'], langkah: '1 < 2' },
    { from: ['b'], to: 'a', label: 'Kembalikan <segera>', roles: ['kabid'], kind: 'kembali' },
    { from: ['a', 'b'], to: 'x', label: 'Batalkan & "hapus"', roles: ['pejabatPengaduan'], kind: 'batal' },
  ],
};

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

describe('workflow diagram: Mermaid', () => {
  it.each(ALL.map((definition) => [definition.model, definition] as const))(
    '%s: declares every state with its label, the start and the ends',
    (_, definition) => {
      const text = toMermaid(definition);
      expect(text.startsWith('stateDiagram-v2\n')).toBe(true);
      for (const state of definition.states) {
        expect(text).toContain(`state "${state.label}" as ${state.key}\n`);
        if (state.final) expect(text).toContain(`${state.key} --> [*]\n`);
      }
      expect(text).toContain(`[*] --> ${definition.initial}\n`);
    }
  );

  it.each(ALL.map((definition) => [definition.model, definition] as const))(
    '%s: draws every non-void (from, to) pair as one labelled edge',
    (_, definition) => {
      const text = toMermaid(definition);
      for (const transition of definition.transitions.filter((candidate) => candidate.kind !== 'batal')) {
        for (const from of transition.from) {
          expect(text).toContain(`\n    ${from} --> ${transition.to}: ${edgeCaption(transition)}\n`);
        }
      }
    }
  );

  it('names roles by their short names', () => {
    const text = toMermaid(BERITA);
    expect(text).toContain('Kembalikan untuk diperiksa ulang (Kasi, Kabid, Kadis)');
    expect(text).toContain('Periksa isi dan tujuan (Operator)');
    expect(text).toContain('Semua salinan telah didistribusikan (Caraka, Kasi)');
  });

  it('draws the berita void once, from one pseudo-state', () => {
    const text = toMermaid(BERITA);
    const edges = text.split('\n').filter((line) => line.includes('-->'));
    const intoBatal = edges.filter((line) => line.includes('--> batal'));
    expect(intoBatal).toHaveLength(1);
    expect(occurrences(text, 'Batalkan')).toBe(1);
    expect(text).toContain('"Dari tahap mana pun sebelum diarsipkan"');
    expect(text).not.toMatch(/^\s*diterima --> batal/m);
    // 11 steps + 4 returns + 1 void + start + 2 ends
    expect(edges).toHaveLength(19);
  });

  it('highlights the current state only when asked and known', () => {
    const highlighted = toMermaid(BERITA, { current: 'diperiksa' });
    expect(highlighted).toContain('classDef current ');
    expect(highlighted).toContain('\n    class diperiksa current\n');
    expect(toMermaid(BERITA)).not.toContain('current');
    expect(toMermaid(BERITA, { current: 'tidak_ada' })).not.toContain('current');
  });

  it('escapes quotes, colons, semicolons, <, >, & and #', () => {
    const text = toMermaid(TRICKY);
    expect(text).toContain('state "Awal #lt;baru#gt; #amp; #quot;siap#quot;" as a\n');
    expect(text).toContain('state "Tengah#58; A#59; B #35; C ]]#gt; D" as b\n');
    expect(text).toContain('a --> b: Setujui #quot;A#quot; #amp; #lt;B#gt; (Kasi)\n');
    expect(text).toContain('b --> c: Tutup#58; selesai#59; arsip (Operator, Petugas)\n');
    for (const line of text.split('\n')) {
      const colon = line.indexOf(': ');
      // Mermaid swaps entity codes for placeholders before it parses, so only what is left must be safe.
      if (line.includes('-->') && colon >= 0) expect(line.slice(colon + 2).replace(/#\w+;/g, '')).not.toMatch(/[:;"<>&]/);
    }
  });
});

describe('workflow diagram: SVG', () => {
  it('the well-formedness check rejects broken XML', () => {
    expect(() => assertWellFormed('<svg><text>a & b</text></svg>')).toThrow(/not well-formed/);
    expect(() => assertWellFormed('<svg><g></svg>')).toThrow(/mismatched/);
    expect(() => assertWellFormed('<svg a="1" a="2"/>')).toThrow(/duplicate/);
    expect(() => assertWellFormed('<svg><text>a < b</text></svg>')).toThrow();
    expect(() => assertWellFormed('<svg>\u0001</svg>')).toThrow(/forbidden/);
    expect(() => assertWellFormed('<svg/><svg/>')).toThrow(/root/);
    expect(() => assertWellFormed('<svg a="&quot;x&#38;&#x3c;"><t>&amp;</t></svg>')).not.toThrow();
  });

  it.each(ALL.map((definition) => [definition.model, definition] as const))(
    '%s: is well-formed, self-contained, accessible and shows every state label',
    (_, definition) => {
      const svg = toSvg(definition);
      const root = parseSvg(svg).documentElement;
      expect(root?.nodeName).toBe('svg');
      expect(root?.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
      expect(root?.getAttribute('role')).toBe('img');
      expect(root?.getAttribute('aria-label')).toContain(definition.title);
      const title = elements(svg).find((element) => element.nodeName === 'title');
      expect(title?.textContent).toBe(definition.title);

      const texts = visibleTexts(svg);
      for (const state of definition.states) expect(texts).toContain(state.label);

      expect(svg).not.toMatch(/<script|<foreignObject|@import|@font-face|https?:\/\/(?!www\.w3\.org\/2000\/svg")/i);
      expect(Number(root?.getAttribute('width'))).toBeGreaterThanOrEqual(700);
    }
  );

  it.each(ALL.map((definition) => [definition.model, definition] as const))(
    '%s: marks exactly one state aria-current when asked, none otherwise',
    (_, definition) => {
      for (const state of definition.states) {
        const marked = elements(toSvg(definition, { current: state.key })).filter((element) => element.getAttribute('aria-current') !== null);
        expect(marked).toHaveLength(1);
        expect(marked[0].getAttribute('aria-current')).toBe('step');
        expect(marked[0].getAttribute('data-tahap')).toBe(state.key);
      }
      for (const options of [{}, { current: 'tidak_ada' }]) {
        const marked = elements(toSvg(definition, options)).filter((element) => element.getAttribute('aria-current') !== null);
        expect(marked).toHaveLength(0);
      }
    }
  );

  it('names the current state in aria-label', () => {
    const root = parseSvg(toSvg(BERITA, { current: 'diparaf_kabid' })).documentElement;
    expect(root?.getAttribute('aria-label')).toContain('tahap saat ini: Diparaf Kabid');
  });

  it('draws the berita void as one side box with a note', () => {
    const svg = toSvg(BERITA);
    const texts = visibleTexts(svg);
    expect(texts.filter((text) => text === 'Batal')).toHaveLength(1);
    expect(texts.filter((text) => text.includes('Batalkan (Operator)'))).toHaveLength(1);
    expect(texts.some((text) => text.includes('dari tahap mana pun sebelum diarsipkan'))).toBe(true);
    expect(texts.filter((text) => text.includes('Kembalikan untuk diperiksa ulang'))).toHaveLength(1);
  });

  it('escapes <, &, " and \' in text and attributes', () => {
    const svg = toSvg(TRICKY, { current: 'a' });
    const root = parseSvg(svg).documentElement;
    expect(root?.getAttribute('aria-label')).toBe('Diagram alur Uji <script>alert("x")</script> & \'kutip\'; tahap saat ini: Awal <baru> & "siap"');
    const texts = visibleTexts(svg);
    for (const state of TRICKY.states) expect(texts).toContain(state.label);
    expect(texts.some((text) => text.includes('Setujui "A" & <B>'))).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<baru>');
    expect(svg).toContain('&lt;baru&gt; &amp; &quot;siap&quot;');
    expect(svg).toContain('id="alur-uji--x--panah-maju"');
  });

  it('drops characters XML does not allow', () => {
    const definition = { ...linear(2), title: 'Judul\u0001 dengan\uD800 kontrol' };
    const svg = toSvg(definition);
    expect(() => assertWellFormed(svg)).not.toThrow();
    expect(parseSvg(svg).getElementsByTagName('title')[0]?.textContent).toBe('Judul dengan kontrol');
  });

  it('grows taller with the number of states', () => {
    const heights = [2, 3, 6, 12].map((count) => svgHeight(toSvg(linear(count))));
    for (let index = 1; index < heights.length; index += 1) expect(heights[index]).toBeGreaterThan(heights[index - 1]);
    expect(svgHeight(toSvg(BERITA))).toBeGreaterThan(svgHeight(toSvg(WORKFLOWS.distribusi)));
  });
});

describe('workflow diagram: Markdown', () => {
  it('has one heading and one mermaid block per workflow', () => {
    const markdown = diagramsMarkdown(ALL);
    expect(occurrences(markdown, '```mermaid\n')).toBe(ALL.length);
    expect(occurrences(markdown, '```')).toBe(ALL.length * 2);
    for (const definition of ALL) {
      expect(markdown).toContain(`### ${definition.title}\n\n\`\`\`mermaid\n${toMermaid(definition)}\`\`\``);
    }
    expect(markdown.endsWith('```\n')).toBe(true);
    expect(diagramsMarkdown([])).toBe('\n');
  });
});
