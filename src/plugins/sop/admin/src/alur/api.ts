import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { errorMessage } from '../components/api';
import type { AlurDetail, AlurRingkas, HasilPeriksa, Kosakata, WorkflowData } from './types';

/** A fetched value: `data` null while loading or after an error, `galat` the error's message. */
export type Muatan<T> = { data: T | null; galat: string | null; muatUlang: () => void };

const useMuat = <T>(url: string | null): Muatan<T> => {
  const { get } = useFetchClient();
  const [state, setState] = React.useState<{ data: T | null; galat: string | null }>({ data: null, galat: null });
  const [round, setRound] = React.useState(0);
  React.useEffect(() => {
    if (url === null) return undefined;
    let active = true;
    get<{ data: T }>(url).then(
      (response) => active && setState({ data: response.data.data, galat: null }),
      (error: unknown) => active && setState({ data: null, galat: errorMessage(error) })
    );
    return () => {
      active = false;
    };
  }, [get, url, round]);
  const muatUlang = React.useCallback(() => setRound((value) => value + 1), []);
  return { ...state, muatUlang };
};

/** `GET /sop/kosakata`: the guards, effects, field types and roles a definition may name. */
export const useKosakata = (): Muatan<Kosakata> => useMuat<Kosakata>('/sop/kosakata');

/** `GET /sop/alur`: every workflow and its versions. */
export const useDaftarAlur = (): Muatan<AlurRingkas[]> => useMuat<AlurRingkas[]>('/sop/alur');

/** `GET /sop/alur/:model`: one workflow with every version's definition. */
export const useAlur = (model: string): Muatan<AlurDetail> => useMuat<AlurDetail>(`/sop/alur/${encodeURIComponent(model)}`);

/** How long the editor waits after the last keystroke before it asks the server to check. */
const JEDA_PERIKSA_MS = 400;

/**
 * `POST /sop/alur/periksa` on every change of `definisi`, debounced; the answer of an older
 * definition never overwrites a newer one. `hasil` is null until the first answer; a failed
 * request is reported as an invalid definition with the server's message.
 */
export const usePeriksa = (definisi: WorkflowData | null): { hasil: HasilPeriksa | null; memeriksa: boolean } => {
  const { post } = useFetchClient();
  const [hasil, setHasil] = React.useState<HasilPeriksa | null>(null);
  const [memeriksa, setMemeriksa] = React.useState(false);
  const latest = React.useRef(0);
  React.useEffect(() => {
    if (definisi === null) return undefined;
    const round = ++latest.current;
    setMemeriksa(true);
    const timer = window.setTimeout(() => {
      post<{ data: HasilPeriksa }>('/sop/alur/periksa', { definisi }).then(
        (response) => {
          if (round !== latest.current) return;
          setHasil(response.data.data);
          setMemeriksa(false);
        },
        (error: unknown) => {
          if (round !== latest.current) return;
          setHasil({ sah: false, galat: [`Definisi tidak dapat diperiksa: ${errorMessage(error)}`], diagram: null });
          setMemeriksa(false);
        }
      );
    }, JEDA_PERIKSA_MS);
    return () => window.clearTimeout(timer);
  }, [post, definisi]);
  return { hasil, memeriksa };
};

/** The reasons of a refused request: `error.details.galat` when the server listed them, else its message. */
export const galatDari = (error: unknown): string[] => {
  const details = (error as { response?: { data?: { error?: { details?: { galat?: unknown } } } } })?.response?.data?.error?.details;
  const galat = details?.galat;
  if (Array.isArray(galat) && galat.every((item) => typeof item === 'string')) return galat as string[];
  return [errorMessage(error)];
};
