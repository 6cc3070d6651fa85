import * as React from 'react';
import { Box, Button, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { errorMessage } from './api';

type Isi = { perihal: string | null; isi: string | null };

/** The plaintext, fetched only when asked for ("Tampilkan isi"); the server audits every read. */
export const IsiSalinan = ({ url }: { url: string }) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [isi, setIsi] = React.useState<Isi | null>(null);
  const show = async () => {
    try {
      const response = await get<{ data: Isi }>(url);
      setIsi(response.data.data);
    } catch (error: unknown) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  };
  if (!isi) {
    return (
      <Button variant="secondary" onClick={show}>
        Tampilkan isi
      </Button>
    );
  }
  return (
    <Box padding={3} background="neutral100" hasRadius>
      <Typography variant="sigma">{isi.perihal ?? 'Isi salinan'}</Typography>
      <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }} data-testid="isi-salinan">
        {isi.isi ?? '(berkas terlampir)'}
      </Typography>
      <Button variant="tertiary" onClick={() => setIsi(null)}>
        Sembunyikan
      </Button>
    </Box>
  );
};
