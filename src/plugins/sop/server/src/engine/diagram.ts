import type { State, Transition, WorkflowDefinition } from './types';

export type DiagramOptions = {
  /** key of the state the record is in now; an unknown key highlights nothing */
  current?: string;
  /** the short name of each role key shown on the arrows ("Kasi"); a key without one is shown as it is */
  roleLabels?: RoleLabels;
};

/** Role key → its short name on a diagram. */
export type RoleLabels = Readonly<Record<string, string>>;

const roleNames = (roles: readonly string[], labels: RoleLabels = {}): string => roles.map((role) => labels[role] ?? role).join(', ');

/** "Periksa isi dan tujuan (Operator)": the text of an edge in both diagrams. */
export const edgeCaption = (transition: Transition<unknown>, labels?: RoleLabels): string =>
  transition.roles.length > 0 ? `${transition.label} (${roleNames(transition.roles, labels)})` : transition.label;

const stateLabel = (definition: WorkflowDefinition, key: string): string => definition.states.find((state) => state.key === key)?.label ?? key;

const currentState = (definition: WorkflowDefinition, options: DiagramOptions): State | undefined =>
  options.current === undefined ? undefined : definition.states.find((state) => state.key === options.current);

/** A void allowed from many states is drawn once, starting from a description of those states. */
const isGathered = (transition: Transition<unknown>): boolean => transition.kind === 'batal' && transition.from.length > 1;

const joinAtau = (items: readonly string[]): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} atau ${items[items.length - 1]}`;

// "Diarsipkan" reads "diarsipkan" mid-sentence; the second-letter test keeps acronyms such as "SKPD" intact.
const lowerFirst = (text: string): string => (/^\p{Lu}\p{Ll}/u.test(text) ? `${text.slice(0, 1).toLowerCase()}${text.slice(1)}` : text);

const upperFirst = (text: string): string => `${text.slice(0, 1).toUpperCase()}${text.slice(1)}`;

/** "dari tahap mana pun sebelum diarsipkan", or the states listed when the transition does not start from all. */
export const sourcesDescription = (definition: WorkflowDefinition, transition: Transition<unknown>): string => {
  const open = definition.states.filter((state) => !state.final);
  if (open.length > 0 && open.every((state) => transition.from.includes(state.key))) {
    const ends = definition.states.filter((state) => state.final && state.key !== transition.to).map((state) => lowerFirst(state.label));
    return ends.length > 0 ? `dari tahap mana pun sebelum ${joinAtau(ends)}` : 'dari tahap mana pun';
  }
  return `dari tahap ${joinAtau(transition.from.map((key) => stateLabel(definition, key)))}`;
};

// ---------------------------------------------------------------------------------------------
// Mermaid

const MERMAID_ENTITIES: Readonly<Record<string, string>> = {
  '#': '#35;',
  ';': '#59;',
  ':': '#58;',
  '"': '#quot;',
  '<': '#lt;',
  '>': '#gt;',
  '&': '#amp;',
};

// Mermaid ends an edge label at ":" or ";", a quoted state name at '"'; its entity codes (#quot;) survive both.
const mermaidText = (text: string): string =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[#;:"<>&]/g, (character) => MERMAID_ENTITIES[character] ?? character);

const mermaidId = (key: string): string => key.replace(/\W/g, '_');

const MERMAID_CURRENT_STYLE = 'fill:#fde68a,stroke:#b45309,stroke-width:3px,color:#1f2937';
const MERMAID_SOURCE_STYLE = 'fill:#f8fafc,stroke:#94a3b8,stroke-dasharray:4 4,color:#475569';

/** The workflow as a Mermaid `stateDiagram-v2`, for the README and the admin panel. */
export const toMermaid = (definition: WorkflowDefinition, options: DiagramOptions = {}): string => {
  const taken = new Set(definition.states.map((state) => mermaidId(state.key)));
  const lines: string[] = [];
  const sources: string[] = [];

  for (const state of definition.states) {
    lines.push(`state "${mermaidText(state.label)}" as ${mermaidId(state.key)}`);
  }
  lines.push(`[*] --> ${mermaidId(definition.initial)}`);

  for (const transition of definition.transitions) {
    const caption = mermaidText(edgeCaption(transition, options.roleLabels));
    const to = mermaidId(transition.to);
    if (isGathered(transition)) {
      let source = `dari_mana_pun_ke_${to}`;
      while (taken.has(source)) source = `${source}_`;
      taken.add(source);
      sources.push(source);
      lines.push(`state "${mermaidText(upperFirst(sourcesDescription(definition, transition)))}" as ${source}`);
      lines.push(`${source} --> ${to}: ${caption}`);
    } else {
      for (const from of transition.from) lines.push(`${mermaidId(from)} --> ${to}: ${caption}`);
    }
  }

  for (const state of definition.states) {
    if (state.final) lines.push(`${mermaidId(state.key)} --> [*]`);
  }
  if (sources.length > 0) {
    lines.push(`classDef asal ${MERMAID_SOURCE_STYLE}`);
    lines.push(`class ${sources.join(',')} asal`);
  }
  const current = currentState(definition, options);
  if (current) {
    lines.push(`classDef current ${MERMAID_CURRENT_STYLE}`);
    lines.push(`class ${mermaidId(current.key)} current`);
  }
  return `stateDiagram-v2\n${lines.map((line) => `    ${line}`).join('\n')}\n`;
};

/** One `### title` and one mermaid block per workflow, for the README. */
export const diagramsMarkdown = (definitions: readonly WorkflowDefinition[], options: DiagramOptions = {}): string =>
  `${definitions
    .map((definition) => `### ${definition.title.replace(/\s+/g, ' ').trim()}\n\n\`\`\`mermaid\n${toMermaid(definition, options)}\`\`\``)
    .join('\n\n')}\n`;

// ---------------------------------------------------------------------------------------------
// SVG

// Characters XML 1.0 forbids even when escaped: they would make the document unparsable.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

const xml = (text: string): string => text.replace(INVALID_XML, '').replace(/[&<>"']/g, (character) => XML_ENTITIES[character] ?? character);

const WIDTH = 720;
const MARGIN = 16;
const BOX_WIDTH = 240;
const BOX_MIN_HEIGHT = 44;
const SIDE_WIDTH = 200;
const LANE_SPACING = 14;
const STATE_FONT = 13;
const STATE_LINE = 16;
const EDGE_FONT = 11;
const EDGE_LINE = 14;
const TITLE_FONT = 15;
/** average glyph width of a sans-serif face in em; there is no font metrics without a renderer */
const GLYPH = 0.6;
const EDGE_LABEL_CHARS = 42;

const COLOUR = {
  text: '#0f172a',
  muted: '#475569',
  stroke: '#334155',
  box: '#ffffff',
  maju: '#334155',
  kembali: '#b45309',
  batal: '#64748b',
  current: '#fde68a',
  currentStroke: '#b45309',
  note: '#f8fafc',
  noteStroke: '#94a3b8',
} as const;

type Kind = 'maju' | 'kembali' | 'batal';

const kindOf = (transition: Transition<unknown>): Kind => transition.kind ?? 'maju';

const round = (value: number): number => Math.round(value * 10) / 10;

const charsFor = (pixels: number, fontSize: number): number => Math.max(12, Math.floor(pixels / (fontSize * GLYPH)));

const textWidth = (lines: readonly { text: string }[], fontSize: number): number =>
  Math.max(0, ...lines.map((line) => Array.from(line.text).length)) * fontSize * GLYPH;

/** Word wrap by character count; a word longer than a line is cut. */
const wrap = (text: string, maxChars: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    let rest = Array.from(word);
    while (rest.length > maxChars) {
      if (line !== '') lines.push(line);
      line = '';
      lines.push(rest.slice(0, maxChars).join(''));
      rest = rest.slice(maxChars);
    }
    if (rest.length === 0) continue;
    const piece = rest.join('');
    if (line === '') line = piece;
    else if (Array.from(line).length + 1 + rest.length <= maxChars) line = `${line} ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
};

type Line = { text: string; strong?: boolean };

/** The label of a transition as lines: its text wrapped, then who does it and which SOP step. */
const captionLines = (transition: Transition<unknown>, maxChars: number, labels?: RoleLabels): Line[] => {
  const who = [roleNames(transition.roles, labels), transition.langkah ? `langkah ${transition.langkah}` : '']
    .filter((part) => part !== '')
    .join(' · ');
  return [
    ...wrap(transition.label, maxChars).map((text) => ({ text, strong: true })),
    ...(who === '' ? [] : wrap(who, maxChars).map((text) => ({ text }))),
  ];
};

const plain = (lines: readonly string[]): Line[] => lines.map((text) => ({ text }));

/** Lines of text from `top` down; `strong` lines take the text colour instead of the block's. */
const textBlock = (lines: readonly Line[], x: number, top: number, lineHeight: number, attributes: string): string => {
  const spans = lines
    .map(
      (line, index) =>
        `<tspan x="${round(x)}" y="${round(top + lineHeight * (index + 1) - 3)}"${line.strong ? ` fill="${COLOUR.text}"` : ''}>` +
        `${xml(line.text)}</tspan>`
    )
    .join('');
  return `<text ${attributes}>${spans}</text>`;
};

type Row = { state: State; lines: string[]; top: number; height: number };

type LaneEdge = { from: number; to: number };
type Lane = { transition: Transition<unknown>; edges: LaneEdge[]; x: number };

type SideGroup = { state: State; transitions: Transition<unknown>[] };

/**
 * States drawn off the main line: final, and reached only by returns or voids (like `batal`).
 * The initial state and states nothing leads to stay on the line.
 */
const isSideState = (definition: WorkflowDefinition, state: State): boolean => {
  if (!state.final || state.key === definition.initial) return false;
  const incoming = definition.transitions.filter((transition) => transition.to === state.key);
  return incoming.length > 0 && incoming.every((transition) => kindOf(transition) !== 'maju');
};

const stateBox = (
  state: State,
  lines: readonly string[],
  box: { x: number; top: number; width: number; height: number },
  current: boolean
): string => {
  const [x, top, width, height] = [box.x, box.top, box.width, box.height].map(round);
  const fill = current ? COLOUR.current : COLOUR.box;
  const stroke = current ? COLOUR.currentStroke : COLOUR.stroke;
  const inner = state.final
    ? `<rect x="${x + 4}" y="${top + 4}" width="${width - 8}" height="${height - 8}" rx="6" fill="none" stroke="${stroke}" stroke-width="1"/>`
    : '';
  const textTop = top + (height - lines.length * STATE_LINE) / 2;
  return (
    `<g class="tahap" data-tahap="${xml(state.key)}"${current ? ' aria-current="step"' : ''}>` +
    `<rect x="${x}" y="${top}" width="${width}" height="${height}" rx="10" fill="${fill}" stroke="${stroke}" stroke-width="${current ? 2.5 : 1.5}"/>` +
    inner +
    textBlock(
      plain(lines),
      x + width / 2,
      textTop,
      STATE_LINE,
      `text-anchor="middle" font-size="${STATE_FONT}" fill="${COLOUR.text}"${current ? ' font-weight="700"' : ''}`
    ) +
    `</g>`
  );
};

/** Where a transition starts, as a phrase: "dari Diperiksa atau Dicetak". */
const fromPhrase = (definition: WorkflowDefinition, transition: Transition<unknown>): string =>
  isGathered(transition) ? sourcesDescription(definition, transition) : `dari ${joinAtau(transition.from.map((key) => stateLabel(definition, key)))}`;

const describe = (definition: WorkflowDefinition, labels?: RoleLabels): string =>
  [
    `Tahap awal: ${stateLabel(definition, definition.initial)}.`,
    ...definition.transitions.map(
      (transition) => `${edgeCaption(transition, labels)}: ${fromPhrase(definition, transition)} ke ${stateLabel(definition, transition.to)}.`
    ),
  ].join(' ');

/**
 * The workflow as a standalone SVG (no fonts, scripts or links): the main line top to bottom,
 * returns and skips as orthogonal lanes on the right, voids as a box to the side.
 */
export const toSvg = (definition: WorkflowDefinition, options: DiagramOptions = {}): string => {
  const current = currentState(definition, options);
  const idPrefix = `alur-${definition.model.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const marker = (kind: Kind): string => `${idPrefix}-panah-${kind}`;

  const mainStates = definition.states.filter((state) => !isSideState(definition, state));
  const sideStates = definition.states.filter((state) => isSideState(definition, state));
  const rowOf = new Map(mainStates.map((state, index) => [state.key, index]));

  // Edges between main states: straight down to the next row, or through a lane on the right.
  const straight = new Map<number, Transition<unknown>[]>();
  const lanes: Lane[] = [];
  const sideGroups: SideGroup[] = sideStates.map((state) => ({ state, transitions: [] }));
  for (const transition of definition.transitions) {
    const group = sideGroups.find((candidate) => candidate.state.key === transition.to);
    if (group) {
      group.transitions.push(transition);
      continue;
    }
    const to = rowOf.get(transition.to);
    if (to === undefined) continue;
    const edges: LaneEdge[] = [];
    for (const key of transition.from) {
      const from = rowOf.get(key);
      if (from === undefined) continue;
      if (to === from + 1) {
        const list = straight.get(from) ?? [];
        if (!list.includes(transition)) list.push(transition);
        straight.set(from, list);
      } else edges.push({ from, to });
    }
    if (edges.length > 0) lanes.push({ transition, edges, x: 0 });
  }
  const sideTransitions = sideGroups.flatMap((group) => group.transitions);

  // Horizontal layout.
  const combX = (index: number): number => MARGIN + 4 + 10 * index;
  const columnLeft = sideTransitions.length > 0 ? combX(sideTransitions.length - 1) + 20 : MARGIN + 8;
  const columnRight = columnLeft + BOX_WIDTH;
  const centre = columnLeft + BOX_WIDTH / 2;
  const edgeLabelX = centre + 12;
  const lanesLeft = Math.max(columnRight + 24, edgeLabelX + EDGE_LABEL_CHARS * EDGE_FONT * GLYPH + 12);
  lanes.forEach((lane, index) => {
    lane.x = lanesLeft + LANE_SPACING * index;
  });
  const lanesRight = lanes.length > 0 ? lanesLeft + LANE_SPACING * (lanes.length - 1) : columnRight;
  const channelGap = 14 + 10 * Math.max(0, sideTransitions.length - 1);
  const width = Math.ceil(
    Math.max(
      WIDTH,
      lanes.length > 0 ? lanesRight + 10 + 200 + MARGIN : 0,
      sideGroups.length > 0 ? lanesRight + 12 + channelGap + SIDE_WIDTH + MARGIN : 0
    )
  );
  const sideLeft = width - MARGIN - SIDE_WIDTH;
  const channelX = (index: number): number => sideLeft - 14 - 10 * index;

  // Vertical layout of the main line.
  const titleLines = wrap(definition.title, charsFor(width - 2 * MARGIN, TITLE_FONT));
  const startsOnTop = rowOf.get(definition.initial) === 0;
  let y = MARGIN + titleLines.length * (TITLE_FONT + 5) + 12 + (startsOnTop ? 30 : 0);
  const stateChars = charsFor(BOX_WIDTH - 20, STATE_FONT);
  const captionsByGap = new Map<number, Line[][]>();
  const rows: Row[] = mainStates.map((state, index) => {
    const lines = wrap(state.label, stateChars);
    const height = Math.max(BOX_MIN_HEIGHT, lines.length * STATE_LINE + 16);
    const row = { state, lines, top: y, height };
    const captions = (straight.get(index) ?? []).map((transition) => captionLines(transition, EDGE_LABEL_CHARS, options.roleLabels));
    captionsByGap.set(index, captions);
    const captionHeight = captions.reduce((sum, lines) => sum + lines.length * EDGE_LINE + 4, 0);
    y += height + (captions.length > 0 ? Math.max(40, captionHeight + 16) : 28);
    return row;
  });
  const middle = (index: number): number => rows[index].top + rows[index].height / 2;
  const columnBottom = rows.length > 0 ? rows[rows.length - 1].top + rows[rows.length - 1].height : y;

  const parts: string[] = [];

  // Title and start marker.
  parts.push(textBlock(plain(titleLines), MARGIN, MARGIN - 2, TITLE_FONT + 5, `font-size="${TITLE_FONT}" font-weight="600" fill="${COLOUR.text}"`));
  if (startsOnTop && rows.length > 0) {
    const top = rows[0].top;
    parts.push(
      `<circle cx="${centre}" cy="${top - 26}" r="6" fill="${COLOUR.stroke}"/>` +
        `<line x1="${centre}" y1="${top - 20}" x2="${centre}" y2="${top - 2}" stroke="${COLOUR.maju}" stroke-width="1.5" marker-end="url(#${marker('maju')})"/>`
    );
  }

  // Straight arrows with their captions.
  rows.forEach((row, index) => {
    const captions = captionsByGap.get(index) ?? [];
    if (captions.length === 0 || index + 1 >= rows.length) return;
    const transitions = straight.get(index) ?? [];
    const kind = transitions.every((transition) => kindOf(transition) === kindOf(transitions[0])) ? kindOf(transitions[0]) : 'maju';
    const from = row.top + row.height;
    const to = rows[index + 1].top;
    parts.push(
      `<line x1="${centre}" y1="${from}" x2="${centre}" y2="${to - 2}" stroke="${COLOUR[kind]}" stroke-width="1.5"` +
        `${kind === 'batal' ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#${marker(kind)})"/>`
    );
    const height = captions.reduce((sum, lines) => sum + lines.length * EDGE_LINE + 4, 0) - 4;
    let top = (from + to) / 2 - height / 2;
    for (const lines of captions) {
      parts.push(textBlock(lines, edgeLabelX, top, EDGE_LINE, `font-size="${EDGE_FONT}" fill="${COLOUR.muted}"`));
      top += lines.length * EDGE_LINE + 4;
    }
  });

  // Lanes: leave a source at the lower half of its right edge, enter the target at the upper half,
  // so a state that is both source and target of different lanes keeps them apart.
  const laneLabels: string[] = [];
  let laneLabelBottom = 0;
  for (const lane of lanes) {
    const kind = kindOf(lane.transition);
    const dash = kind === 'batal' ? ' stroke-dasharray="5 4"' : '';
    const ys: number[] = [];
    for (const edge of lane.edges) {
      const exit = middle(edge.from) + 7;
      const entry = middle(edge.to) - 7;
      ys.push(exit, entry);
      parts.push(
        `<path d="M${columnRight} ${round(exit)} H${lane.x} V${round(entry)} H${columnRight + 1}" fill="none" stroke="${COLOUR[kind]}"` +
          ` stroke-width="1.5" stroke-linejoin="round"${dash} marker-end="url(#${marker(kind)})"/>`
      );
    }
    const labelX = lane.x + 8;
    const lines = captionLines(lane.transition, charsFor(width - MARGIN - labelX - 8, EDGE_FONT), options.roleLabels);
    const height = lines.length * EDGE_LINE + 6;
    const top = Math.max((Math.min(...ys) + Math.max(...ys)) / 2 - height / 2, laneLabelBottom + 6);
    laneLabelBottom = top + height;
    laneLabels.push(
      `<rect x="${labelX - 4}" y="${round(top)}" width="${round(textWidth(lines, EDGE_FONT) + 8)}" height="${height}" rx="3" fill="${COLOUR.box}" fill-opacity="0.92"/>` +
        textBlock(lines, labelX, top + 2, EDGE_LINE, `font-size="${EDGE_FONT}" fill="${kind === 'maju' ? COLOUR.muted : COLOUR[kind]}"`)
    );
  }
  parts.push(...laneLabels);

  // States on the main line.
  rows.forEach((row) => {
    parts.push(stateBox(row.state, row.lines, { x: columnLeft, top: row.top, width: BOX_WIDTH, height: row.height }, row.state.key === current?.key));
  });

  // Side states, each under a note naming what leads there, stacked so the last ends level with
  // the main line; a dashed comb gathers the source states and runs below the column to them.
  const noteChars = charsFor(SIDE_WIDTH - 16, EDGE_FONT);
  const sideLayouts = sideGroups.map((group) => {
    const noteLines = group.transitions.flatMap((transition): Line[] => [
      ...wrap(edgeCaption(transition, options.roleLabels), noteChars).map((text) => ({ text, strong: true })),
      ...plain(wrap(fromPhrase(definition, transition), noteChars)),
    ]);
    const lines = wrap(group.state.label, charsFor(SIDE_WIDTH - 20, STATE_FONT));
    return {
      group,
      noteLines,
      noteHeight: noteLines.length * EDGE_LINE + 12,
      lines,
      boxHeight: Math.max(BOX_MIN_HEIGHT, lines.length * STATE_LINE + 16),
    };
  });
  const stackHeight = sideLayouts.reduce((sum, layout) => sum + layout.noteHeight + 10 + layout.boxHeight + 20, 0) - 20;
  let sideTop = Math.max(laneLabelBottom + 16, columnBottom - stackHeight, rows.length > 0 ? rows[0].top : y);
  const entries = new Map<Transition<unknown>, number>();
  for (const { group, noteLines, noteHeight, lines, boxHeight } of sideLayouts) {
    parts.push(
      `<g class="catatan"><rect x="${sideLeft}" y="${round(sideTop)}" width="${SIDE_WIDTH}" height="${noteHeight}" rx="4" fill="${COLOUR.note}"` +
        ` stroke="${COLOUR.noteStroke}" stroke-dasharray="4 3"/>` +
        textBlock(noteLines, sideLeft + 8, sideTop + 5, EDGE_LINE, `font-size="${EDGE_FONT}" fill="${COLOUR.muted}"`) +
        `</g>`
    );
    const boxTop = sideTop + noteHeight + 10;
    parts.push(
      `<line x1="${sideLeft + SIDE_WIDTH / 2}" y1="${round(sideTop + noteHeight)}" x2="${sideLeft + SIDE_WIDTH / 2}" y2="${round(boxTop)}"` +
        ` stroke="${COLOUR.noteStroke}" stroke-dasharray="3 3"/>`
    );
    parts.push(stateBox(group.state, lines, { x: sideLeft, top: boxTop, width: SIDE_WIDTH, height: boxHeight }, group.state.key === current?.key));
    group.transitions.forEach((transition, index) => {
      entries.set(transition, boxTop + boxHeight / 2 + (index - (group.transitions.length - 1) / 2) * 8);
    });
    sideTop = boxTop + boxHeight + 20;
  }
  const sideBottom = sideTop - 20;

  let runBottom = 0;
  sideTransitions.forEach((transition, index) => {
    const sources = transition.from
      .map((key) => rowOf.get(key))
      .filter((row): row is number => row !== undefined)
      .map(middle);
    const entry = entries.get(transition) ?? sideBottom;
    const x = combX(index);
    const run = columnBottom + 18 + 10 * (sideTransitions.length - 1 - index);
    runBottom = Math.max(runBottom, run);
    const teeth = sources.map((source) => `M${x} ${round(source)} H${columnLeft}`).join(' ');
    const spine = `M${x} ${round(Math.min(run, ...sources))} V${run} H${channelX(index)} V${round(entry)} H${sideLeft - 1}`;
    const kind = kindOf(transition);
    parts.push(
      `<path d="${teeth} ${spine}" fill="none" stroke="${COLOUR[kind]}" stroke-width="1.2" stroke-dasharray="5 4"` +
        ` stroke-linejoin="round" marker-end="url(#${marker(kind)})"/>`
    );
  });

  const height = Math.ceil(Math.max(columnBottom, sideBottom, runBottom) + MARGIN + 8);
  const ariaLabel = `Diagram alur ${definition.title}${current ? `; tahap saat ini: ${current.label}` : ''}`;
  const markers = (['maju', 'kembali', 'batal'] as const)
    .map(
      (kind) =>
        `<marker id="${marker(kind)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
        `<path d="M0 0 L10 5 L0 10 z" fill="${COLOUR[kind]}"/></marker>`
    )
    .join('');

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
    ` role="img" aria-label="${xml(ariaLabel)}" aria-describedby="${idPrefix}-uraian"` +
    ` font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">` +
    `<title>${xml(definition.title)}</title>` +
    `<desc id="${idPrefix}-uraian">${xml(describe(definition, options.roleLabels))}</desc>` +
    `<defs>${markers}</defs>` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    parts.join('') +
    `</svg>\n`
  );
};
