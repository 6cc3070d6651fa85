type Diagrammed = { model: string; title: string };

export declare const START: string;
export declare const END: string;
export declare const DIAGRAMS_DIR: string;
export declare const svgFile: (model: string) => string;
export declare const readmeSection: <D extends Diagrammed>(
  definitions: readonly D[],
  diagramsMarkdown: (definitions: readonly D[]) => string
) => string;
export declare const extractSection: (readme: string) => string;
export declare const replaceSection: (readme: string, section: string) => string;
