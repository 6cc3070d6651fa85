// The engine's public door for the app (pure: no Strapi, no database).
export * from './audit-chain';
export * from './audit-seal';
export * from './beda';
export * from './builtin-vocabulary';
export * from './compile';
export * from './decide';
export * from './definition';
export * from './diagram';
export * from './ids';
export * from './keys';
export * from './koreksi';
export * from './moment';
export * from './numbering';
export * from './types';
export * from './validate';
export * from './vocabulary';
