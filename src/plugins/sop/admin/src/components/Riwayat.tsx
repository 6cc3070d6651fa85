import * as React from 'react';
import { Box, Typography } from '@strapi/design-system';
import { formatWaktu } from './wib';
import type { Riwayat as RiwayatRow } from './types';

/** The record's history, oldest first: each step, who took it, when, and its note. */
export const Riwayat = ({ riwayat }: { riwayat: RiwayatRow[] }) => (
  <Box>
    <Typography variant="sigma">Riwayat</Typography>
    <ol data-testid="sop-riwayat" style={{ paddingLeft: '1.2em' }}>
      {riwayat.map((row, index) => (
        <li key={index}>
          <Typography variant="pi">
            <strong>{row.keLabel}</strong> — {row.oleh.nama} ({row.oleh.peran}), {formatWaktu(row.waktu)}
            {row.catatan ? `: ${row.catatan}` : ''}
          </Typography>
        </li>
      ))}
    </ol>
  </Box>
);
