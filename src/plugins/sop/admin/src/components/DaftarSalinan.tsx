import * as React from 'react';
import { Box, Typography } from '@strapi/design-system';
import type { Salinan } from './types';

/** The copies made for the recipients, each with its tahap; nothing when there are none yet. */
export const DaftarSalinan = ({ distribusi }: { distribusi: Salinan[] }) =>
  distribusi.length === 0 ? null : (
    <Box>
      <Typography variant="sigma">Salinan</Typography>
      <ul>
        {distribusi.map((copy) => (
          <li key={copy.documentId}>
            <Typography variant="pi">
              {copy.nomorSalinan ? `${copy.nomorSalinan}. ` : ''}
              {copy.penerima?.jabatan ?? copy.penerima?.nama ?? '-'} — {copy.tahap}
            </Typography>
          </li>
        ))}
      </ul>
    </Box>
  );
