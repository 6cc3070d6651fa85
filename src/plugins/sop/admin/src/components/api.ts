import type { Definisi } from './types';

type ErrorBody = { error?: { message?: string } };

/** The Indonesian message of a failed request (the server's own, when it sent one). */
export const errorMessage = (error: unknown): string => {
  const body = (error as { response?: { data?: ErrorBody } })?.response?.data;
  return body?.error?.message ?? (error instanceof Error ? error.message : 'Terjadi kesalahan.');
};

/** The server's message from a blob answer (a refused download), or `fallback`. */
export const blobErrorMessage = async (data: Blob, fallback: string): Promise<string> => {
  try {
    return (JSON.parse(await data.text()) as ErrorBody).error?.message ?? fallback;
  } catch {
    return fallback;
  }
};

type Get = <T>(url: string) => Promise<{ data: T }>;

let definitions: Definisi[] | null = null;
let pending: Promise<Definisi[]> | null = null;

/** The workflows once loaded, else null (see `loadDefinitions`). */
export const cachedDefinitions = (): Definisi[] | null => definitions;

/**
 * `GET /sop/definitions`, fetched once per page load and shared by the side panel and the list
 * column. A failed fetch is forgotten so the next caller tries again.
 */
export const loadDefinitions = (get: Get): Promise<Definisi[]> => {
  if (definitions) return Promise.resolve(definitions);
  pending ??= get<{ data: Definisi[] }>('/sop/definitions').then(
    (response) => {
      definitions = response.data.data;
      return definitions;
    },
    (error: unknown) => {
      pending = null;
      throw error;
    }
  );
  return pending;
};

/** The workflow run by a content type, by its uid (`api::berita.berita`). */
export const definitionFor = (list: Definisi[], uid: string): Definisi | undefined => list.find((definition) => definition.uid === uid);
