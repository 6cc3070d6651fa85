import type { FieldSpec, FieldType, JsonProperty, Masukan } from './types';

/** "kodeKlasifikasi" → "Kode klasifikasi": a readable label when the server sent none. */
const humanize = (name: string): string => {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** An id (positive integer, or its digits as a string). */
const isId = (property: JsonProperty): boolean =>
  property.type === 'integer' || (property.anyOf?.some((option) => option.type === 'integer') ?? false);

const typeOf = (property: JsonProperty): FieldType => {
  if (property.type === 'object' && property.properties?.penerima) return 'salinan';
  if (property.type === 'object') return 'checklist';
  if (isId(property)) return 'pengguna';
  if (property.format === 'date-time') return 'waktu';
  return property.maxLength !== undefined && property.maxLength > 300 ? 'teksPanjang' : 'teks';
};

/**
 * Transitional: the FieldSpec list read off the older `masukan.data` JSON schema, for a
 * server that does not send `masukan.fields` yet. An id field is offered as a user picker for
 * the role of its name; the server refuses a name that is no role, and the picker then falls
 * back to typing the id (see PenggunaField).
 */
const fromSchema = (data: NonNullable<Masukan['data']>): FieldSpec[] =>
  Object.entries(data.properties).map(([name, property]) => {
    const type = typeOf(property);
    return {
      name,
      type,
      label: humanize(name),
      wajib: data.required.includes(name),
      ...(property.maxLength !== undefined ? { maks: property.maxLength } : {}),
      ...(property.minLength !== undefined ? { min: property.minLength } : {}),
      ...(type === 'pengguna' ? { peran: name } : {}),
      ...(type === 'checklist'
        ? {
            items: Object.keys(property.properties ?? {}).map((item) => ({
              name: item,
              label: humanize(item),
              wajib: property.required?.includes(item) ?? false,
            })),
          }
        : {}),
    };
  });

/** The fields a step asks for: the server's `masukan.fields`, or (older server) read off `masukan.data`. */
export const fieldsOf = (masukan: Masukan): FieldSpec[] => masukan.fields ?? (masukan.data ? fromSchema(masukan.data) : []);

/** Whether a value counts as filled in (an empty text is not sent). */
export const isFilled = (value: unknown): boolean => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
