import * as React from 'react';
import { Button, Checkbox, Flex, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { blobErrorMessage, errorMessage } from './api';
import type { Dokumen } from './types';

/** Saves a downloaded blob under the server's file name. */
const simpan = (data: Blob, nama: string): void => {
  const href = URL.createObjectURL(data);
  const link = window.document.createElement('a');
  link.href = href;
  link.download = nama;
  window.document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
};

/**
 * Print buttons: exactly the documents the server lists for this user now (`dokumen`), each
 * downloading the .docx (or the PDF) with its Indonesian file name.
 */
export const CetakDokumen = ({ dokumen }: { dokumen: Dokumen[] }) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = React.useState<string | null>(null);
  const [pdf, setPdf] = React.useState(false);
  if (dokumen.length === 0) return null;

  const unduh = async (item: Dokumen) => {
    setBusy(item.jenis);
    try {
      const response = await get(`${item.url}${pdf ? '?format=pdf' : ''}`, { responseType: 'blob', validateStatus: () => true });
      if (response.status !== 200)
        throw new Error(await blobErrorMessage(response.data as Blob, `Dokumen tidak dapat diunduh (${response.status}).`));
      const disposition = response.headers?.get('content-disposition') ?? '';
      const nama = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${item.jenis}.${pdf ? 'pdf' : 'docx'}`;
      simpan(response.data as Blob, nama);
      toggleNotification({ type: 'success', message: `${nama} diunduh.` });
    } catch (failure: unknown) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="sop-cetak">
      <Typography variant="sigma">Cetak</Typography>
      {dokumen.map((item) => (
        <Button key={item.jenis} variant="secondary" fullWidth loading={busy === item.jenis} onClick={() => unduh(item)}>
          {item.label}
        </Button>
      ))}
      <Checkbox checked={pdf} onCheckedChange={(checked: boolean | 'indeterminate') => setPdf(checked === true)}>
        Unduh sebagai PDF
      </Checkbox>
    </Flex>
  );
};
