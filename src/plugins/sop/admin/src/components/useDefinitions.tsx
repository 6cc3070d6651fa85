import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { cachedDefinitions, loadDefinitions } from './api';
import type { Definisi } from './types';

/** The workflows for a component: null while loading, [] when the server could not be reached. */
export const useDefinitions = (): Definisi[] | null => {
  const { get } = useFetchClient();
  const [list, setList] = React.useState<Definisi[] | null>(cachedDefinitions);
  React.useEffect(() => {
    if (list) return;
    let active = true;
    loadDefinitions(get).then(
      (loaded) => active && setList(loaded),
      () => active && setList([])
    );
    return () => {
      active = false;
    };
  }, [get, list]);
  return list;
};
