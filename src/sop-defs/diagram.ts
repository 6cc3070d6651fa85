import {
  diagramsMarkdown as engineDiagramsMarkdown,
  edgeCaption as engineEdgeCaption,
  toMermaid as engineToMermaid,
  toSvg as engineToSvg,
  type DiagramOptions,
  type Transition,
  type WorkflowDefinition,
} from '../plugins/sop/server/src/engine/index';
import { ROLE_SHORT_NAMES } from '../domain/roles';

// The engine's diagrams with this office's role names on the arrows ("Kasi", "Petugas").
const withRoles = (options: DiagramOptions = {}): DiagramOptions => ({ roleLabels: ROLE_SHORT_NAMES, ...options });

/** "Periksa isi dan tujuan (Operator)": the text of an edge in both diagrams. */
export const edgeCaption = (transition: Transition<unknown>): string => engineEdgeCaption(transition, ROLE_SHORT_NAMES);

/** The workflow as a Mermaid `stateDiagram-v2`, for the README and the admin panel. */
export const toMermaid = (definition: WorkflowDefinition, options?: DiagramOptions): string => engineToMermaid(definition, withRoles(options));

/** The workflow as a standalone SVG (no fonts, scripts or links). */
export const toSvg = (definition: WorkflowDefinition, options?: DiagramOptions): string => engineToSvg(definition, withRoles(options));

/** One `### title` and one mermaid block per workflow, for the README. */
export const diagramsMarkdown = (definitions: readonly WorkflowDefinition[]): string => engineDiagramsMarkdown(definitions, withRoles());
