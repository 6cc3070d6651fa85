import * as React from 'react';
import { Box, Button, Field, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { errorMessage } from '../api';
import type { FieldProps } from '../types';

type Unggahan =
  | { status: 'kosong' }
  | { status: 'mengunggah'; nama: string }
  | { status: 'ada'; nama: string; pratinjau: string | null }
  | { status: 'gagal'; pesan: string };

/** What `POST /upload` answers: the stored file(s), an array in Strapi 5's admin route. */
type BerkasTersimpan = { id: number; name?: string };

/**
 * An uploaded file (`berkas`): a photo taken with the camera or a file picked on the device,
 * uploaded at once through the media library's own route (`POST /upload`, the user's right
 * `plugin::upload.assets.create`) — the value is the stored file's id. The server checks at
 * the step that the file is the actor's own and attached to nothing else (src/sop/bukti.ts).
 */
export const BerkasField = ({ field, value, onChange }: FieldProps<string>) => {
  const { post } = useFetchClient();
  const [unggahan, setUnggahan] = React.useState<Unggahan>({ status: 'kosong' });
  const kamera = React.useRef<HTMLInputElement>(null);
  const pilih = React.useRef<HTMLInputElement>(null);

  React.useEffect(
    () => () => {
      if (unggahan.status === 'ada' && unggahan.pratinjau) URL.revokeObjectURL(unggahan.pratinjau);
    },
    [unggahan]
  );

  const unggah = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setUnggahan({ status: 'mengunggah', nama: file.name });
    onChange(undefined);
    const form = new FormData();
    form.append('files', file, file.name);
    form.append('fileInfo', JSON.stringify({ name: file.name, caption: field.label, alternativeText: field.label }));
    try {
      const response = await post<BerkasTersimpan[] | BerkasTersimpan>('/upload', form);
      const stored = Array.isArray(response.data) ? response.data[0] : response.data;
      if (!stored || typeof stored.id !== 'number') throw new Error('Server tidak mengembalikan berkas yang tersimpan.');
      setUnggahan({ status: 'ada', nama: file.name, pratinjau: file.type.startsWith('image/') ? URL.createObjectURL(file) : null });
      onChange(String(stored.id));
    } catch (error: unknown) {
      setUnggahan({ status: 'gagal', pesan: `Berkas gagal diunggah: ${errorMessage(error)}` });
    }
  };

  const hapus = () => {
    setUnggahan({ status: 'kosong' });
    onChange(undefined);
  };

  const sibuk = unggahan.status === 'mengunggah';
  return (
    <Field.Root name={field.name} required={field.wajib} hint={field.bantuan ?? 'Ambil foto dengan kamera atau pilih berkas dari perangkat.'}>
      <Field.Label>{field.label}</Field.Label>
      {/* the camera on a phone; the file picker on a computer */}
      <input ref={kamera} data-testid={`berkas-kamera-${field.name}`} type="file" accept="image/*" capture="environment" hidden onChange={unggah} />
      <input ref={pilih} data-testid={`berkas-pilih-${field.name}`} type="file" accept="image/*,application/pdf" hidden onChange={unggah} />
      <Flex gap={2} wrap="wrap">
        <Button variant="secondary" disabled={sibuk} onClick={() => kamera.current?.click()}>
          {value ? 'Ambil foto lain' : 'Ambil foto'}
        </Button>
        <Button variant="tertiary" disabled={sibuk} onClick={() => pilih.current?.click()}>
          Pilih berkas
        </Button>
        {value ? (
          <Button variant="ghost" disabled={sibuk} onClick={hapus}>
            Hapus
          </Button>
        ) : null}
      </Flex>
      <Box paddingTop={2} data-testid={`berkas-status-${field.name}`}>
        {unggahan.status === 'mengunggah' ? <Typography variant="pi">Mengunggah {unggahan.nama}…</Typography> : null}
        {unggahan.status === 'gagal' ? (
          <Typography variant="pi" textColor="danger600">
            {unggahan.pesan}
          </Typography>
        ) : null}
        {unggahan.status === 'ada' && value ? (
          <Flex direction="column" alignItems="flex-start" gap={1}>
            {unggahan.pratinjau ? (
              <img src={unggahan.pratinjau} alt={`Pratinjau ${unggahan.nama}`} style={{ maxWidth: '100%', maxHeight: 160, borderRadius: 4 }} />
            ) : null}
            <Typography variant="pi">
              Terunggah: {unggahan.nama} (berkas #{value})
            </Typography>
          </Flex>
        ) : null}
        {unggahan.status === 'kosong' && value ? <Typography variant="pi">Berkas #{value}</Typography> : null}
      </Box>
      <Field.Hint />
    </Field.Root>
  );
};
