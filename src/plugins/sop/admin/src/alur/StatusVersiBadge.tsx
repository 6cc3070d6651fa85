import { Badge } from '@strapi/design-system';
import type { StatusVersi } from './types';

const TAMPIL = {
  draf: { label: 'Draf', backgroundColor: 'warning100', textColor: 'warning700' },
  aktif: { label: 'Aktif', backgroundColor: 'success100', textColor: 'success700' },
  pensiun: { label: 'Pensiun', backgroundColor: 'neutral150', textColor: 'neutral700' },
} as const;

/** A version's status as a coloured badge: Draf, Aktif or Pensiun. */
export const StatusVersiBadge = ({ status }: { status: StatusVersi }) => {
  const { label, ...colours } = TAMPIL[status] ?? TAMPIL.draf;
  return <Badge {...colours}>{label}</Badge>;
};
