import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { applyTextPolicy, checkMoment, type InputProblem, type MomentType } from '../domain/input';

type DocumentContext = {
  uid: string;
  action: string;
  params: { documentId?: unknown; data?: unknown; filters?: unknown; [key: string]: unknown };
};
type Next = () => Promise<unknown>;

type Attribute = { type: string; component?: string; components?: string[]; repeatable?: boolean };
type Schema = { attributes: Record<string, Attribute> };

const MOMENT_TYPES = new Set<string>(['date', 'datetime', 'time', 'timestamp']);
const DATA_ACTIONS = new Set(['create', 'update', 'clone']);
// The names of @strapi/database's InvalidDateError, InvalidDateTimeError and InvalidTimeError.
const MOMENT_ERRORS = new Set(['InvalidDateFormat', 'InvalidDatetimeFormat', 'InvalidTimeFormat']);

/** The Strapi error every refusal becomes: 400, the field paths in `details.errors` as the admin panel reads them. */
export const inputRefused = (problems: readonly InputProblem[]): errors.ValidationError => {
  const shown = problems.slice(0, 5).map((problem) => problem.message);
  const more = problems.length > 5 ? ` (dan ${problems.length - 5} masalah lain)` : '';
  return new errors.ValidationError(`Data tidak sah: ${shown.join(' ')}${more}`, {
    errors: problems.map((problem) => ({ path: problem.path.map(String), message: problem.message, name: 'ValidationError' })),
  });
};

/**
 * Dates, date-times and times of `data` checked against `schema`, components and dynamic
 * zones included; an impossible moment or a repeatable component entry that is not an
 * object is a problem. An empty string for a moment becomes `null` (no value).
 */
const checkData = (strapi: Core.Strapi, schema: Schema | undefined, data: unknown, path: (string | number)[], problems: InputProblem[]): void => {
  if (!schema || data === null || typeof data !== 'object' || Array.isArray(data)) return;
  const record = data as Record<string, unknown>;
  for (const [name, value] of Object.entries(record)) {
    const attribute = schema.attributes[name];
    if (!attribute) continue;
    const at = [...path, name];
    if (MOMENT_TYPES.has(attribute.type)) {
      if (value === '') {
        record[name] = null;
        continue;
      }
      const problem = checkMoment(attribute.type as MomentType, value, at.join('.'));
      if (problem) problems.push({ path: at, message: problem });
    } else if (attribute.type === 'component' && attribute.component) {
      const component = strapi.getModel(attribute.component as never) as Schema | undefined;
      if (attribute.repeatable) {
        if (value === null || value === undefined) continue;
        if (!Array.isArray(value)) {
          problems.push({ path: at, message: `${at.join('.')} harus berupa daftar.` });
          continue;
        }
        value.forEach((entry, index) => {
          // An entry may be the id of an existing component row; anything else must be an object.
          if (typeof entry === 'number' || (entry !== null && typeof entry === 'object' && !Array.isArray(entry))) {
            checkData(strapi, component, entry, [...at, index], problems);
          } else {
            problems.push({ path: [...at, index], message: `${at.join('.')} butir ke-${index + 1} kosong atau tidak sah.` });
          }
        });
      } else {
        checkData(strapi, component, value, at, problems);
      }
    } else if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
      value.forEach((entry, index) => {
        const uid = entry !== null && typeof entry === 'object' ? (entry as { __component?: unknown }).__component : undefined;
        if (typeof uid !== 'string' || !attribute.components?.includes(uid)) {
          problems.push({ path: [...at, index], message: `${at.join('.')} butir ke-${index + 1} bukan komponen yang dikenal.` });
          return;
        }
        checkData(strapi, strapi.getModel(uid as never) as Schema | undefined, entry, [...at, index], problems);
      });
    }
  }
};

/**
 * `input-policy`, a document-service middleware registered before every other one of
 * Meja Sandi (src/index.ts): every write through the document service — content
 * manager, REST, `strapi.documents` from code (the Sanapati intake, scripts) — passes
 * here before any database work. It applies the text policy of `src/domain/input.ts`
 * to all of `data` (line breaks normalised, other control characters refused), checks
 * every date, date-time and time of the schema (components and dynamic zones included),
 * and refuses control characters in a `documentId` or a filter value of any action.
 * Throws `errors.ValidationError` (400, Indonesian, the field paths in `details.errors`).
 */
export const createInputPolicy = (strapi: Core.Strapi) =>
  async function inputPolicy(context: DocumentContext, next: Next): Promise<unknown> {
    const problems: InputProblem[] = [];
    const { params } = context;
    for (const key of ['documentId', 'locale', 'status'] as const) {
      if (params[key] !== undefined) problems.push(...applyTextPolicy(params[key], [key]).problems);
    }
    if (params.filters !== undefined) problems.push(...applyTextPolicy(params.filters, ['filters']).problems);
    if (DATA_ACTIONS.has(context.action) && params.data !== undefined && params.data !== null) {
      const checked = applyTextPolicy(params.data, []);
      problems.push(...checked.problems);
      if (checked.problems.length === 0) {
        checkData(strapi, strapi.getModel(context.uid as never) as Schema | undefined, checked.value, [], problems);
        params.data = checked.value;
      }
    }
    if (problems.length > 0) throw inputRefused(problems);
    try {
      return await next();
    } catch (error: unknown) {
      // A moment this middleware cannot place on the schema (a filter value, through a
      // relation) is still refused by Strapi's parsers: said in Indonesian here.
      const name = (error as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && MOMENT_ERRORS.has(name)) {
        throw new errors.ValidationError(
          `Nilai tanggal atau waktu tidak sah dalam filter atau data (${(error as Error).message}); gunakan TTTT-BB-HH atau ISO 8601.`
        );
      }
      throw error;
    }
  };
