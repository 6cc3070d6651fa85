import { Button, Flex } from '@strapi/design-system';

/**
 * The header buttons of the editor: "Simpan draf" (only a draft with unsaved changes) and
 * "Aktifkan" (only a draft the live check found valid; it saves first).
 */
export const EditorAksi = ({
  draf,
  berubah,
  sah,
  sibuk,
  onSimpan,
  onAktifkan,
}: {
  draf: boolean;
  berubah: boolean;
  sah: boolean;
  sibuk: 'simpan' | 'aktifkan' | null;
  onSimpan: () => void;
  onAktifkan: () => void;
}) => (
  <Flex gap={2}>
    <Button variant="secondary" disabled={!draf || !berubah || sibuk !== null} loading={sibuk === 'simpan'} onClick={onSimpan}>
      Simpan draf
    </Button>
    <Button
      disabled={!draf || !sah || sibuk !== null}
      loading={sibuk === 'aktifkan'}
      onClick={onAktifkan}
      title={!sah ? 'Perbaiki kesalahan yang tercantum lebih dahulu.' : undefined}
    >
      Aktifkan
    </Button>
  </Flex>
);
