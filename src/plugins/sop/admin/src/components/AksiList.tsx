import * as React from 'react';
import { Flex, Typography } from '@strapi/design-system';
import { AksiDialog } from './AksiDialog';
import type { Aksi, FieldKonteks } from './types';

/** The steps this user may take now, in the server's order; a note when there are none. */
export const AksiList = ({
  model,
  documentId,
  aksi,
  konteks,
  onDone,
}: {
  model: string;
  documentId: string;
  aksi: Aksi[];
  konteks: FieldKonteks;
  onDone: () => void;
}) =>
  aksi.length > 0 ? (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="sop-aksi">
      {aksi.map((one) => (
        <AksiDialog key={one.ke} model={model} documentId={documentId} aksi={one} konteks={konteks} onDone={onDone} />
      ))}
    </Flex>
  ) : (
    <Typography variant="pi" textColor="neutral600">
      Tidak ada langkah SOP yang dapat Anda lakukan pada tahap ini.
    </Typography>
  );
