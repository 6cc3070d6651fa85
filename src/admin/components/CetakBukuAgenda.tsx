import * as React from 'react';
import { Button, Field, Flex, Modal, Radio, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { keWibLokal } from '../../plugins/sop/admin/src/index';

type Buku = { buku: string; judul: string; uid: string };
type Format = 'xlsx' | 'docx' | 'pdf';

const FORMAT: { nilai: Format; label: string }[] = [
  { nilai: 'xlsx', label: 'Lembar kerja (.xlsx)' },
  { nilai: 'docx', label: 'Dokumen (.docx)' },
  { nilai: 'pdf', label: 'PDF' },
];

/** The content type of the list on screen, from the URL (`…/collection-types/api::berita.berita`). */
const currentUid = (): string | undefined => /\/collection-types\/([^/?#]+)/.exec(window.location.pathname)?.[1];

/** Today's local date in WIB (`YYYY-MM-DD`), whatever the browser's zone. */
const hariIniWib = (): string => keWibLokal(new Date()).slice(0, 10);

/** The server's message of a refused download (a JSON error body sent as a blob), or `fallback`. */
const pesanDariBlob = async (data: unknown, fallback: string): Promise<string> => {
  try {
    const text = data instanceof Blob ? await data.text() : String(data);
    return (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? fallback;
  } catch {
    return fallback;
  }
};

const errorMessage = (error: unknown): string =>
  (error as { response?: { data?: { error?: { message?: string } } } })?.response?.data?.error?.message ??
  (error instanceof Error ? error.message : 'Terjadi kesalahan.');

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

/** The agenda books this user may print (`GET /sop/agenda`), fetched once per page load. */
let tersedia: Promise<Buku[]> | null = null;

/**
 * "Cetak buku agenda" on the list of a content type that has an agenda book (berita, kriptogram),
 * in the content manager's `listView.actions` zone: a dialog with the period (dari, sampai, WIB
 * dates) and the format, downloading `GET /sop/agenda/:buku?dari=&sampai=&format=` under the
 * server's file name. Shown only to users the server lets print that book (`GET /sop/agenda`);
 * any refusal of the download shows the server's own message.
 */
export const CetakBukuAgenda = () => {
  const uid = currentUid();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [buku, setBuku] = React.useState<Buku | null>(null);
  const [open, setOpen] = React.useState(false);
  const [dari, setDari] = React.useState(() => `${hariIniWib().slice(0, 8)}01`);
  const [sampai, setSampai] = React.useState(hariIniWib);
  const [format, setFormat] = React.useState<Format>('xlsx');
  const [busy, setBusy] = React.useState(false);
  const [galat, setGalat] = React.useState<string | null>(null);

  React.useEffect(() => {
    let aktif = true;
    tersedia ??= get<{ data: Buku[] }>('/sop/agenda').then(
      (response) => response.data.data,
      (error: unknown) => {
        tersedia = null;
        throw error;
      }
    );
    tersedia.then(
      (list) => {
        if (aktif) setBuku(list.find((item) => item.uid === uid) ?? null);
      },
      () => undefined
    );
    return () => {
      aktif = false;
    };
  }, [get, uid]);

  if (!buku) return null;

  const unduh = async () => {
    setBusy(true);
    setGalat(null);
    try {
      const query = new URLSearchParams({ dari, sampai, format }).toString();
      const response = await get(`/sop/agenda/${buku.buku}?${query}`, { responseType: 'blob', validateStatus: () => true });
      if (response.status !== 200) throw new Error(await pesanDariBlob(response.data, `Buku agenda tidak dapat diunduh (${response.status}).`));
      const disposition = response.headers?.get('content-disposition') ?? '';
      const nama = /filename="([^"]+)"/.exec(String(disposition))?.[1] ?? `${buku.buku}.${format}`;
      simpan(response.data as Blob, nama);
      toggleNotification({ type: 'success', message: `${nama} diunduh.` });
      setOpen(false);
    } catch (failure: unknown) {
      setGalat(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={setOpen}>
      <Modal.Trigger>
        <Button variant="secondary" data-testid="cetak-buku-agenda">
          Cetak buku agenda
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{`Cetak ${buku.judul.toLowerCase()}`}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography variant="pi">Naskah yang diagendakan pada rentang tanggal ini (WIB), paling lama 366 hari.</Typography>
            <Field.Root name="dari" required>
              <Field.Label>Dari tanggal</Field.Label>
              <TextInput type="date" value={dari} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setDari(event.target.value)} />
            </Field.Root>
            <Field.Root name="sampai" required>
              <Field.Label>Sampai tanggal</Field.Label>
              <TextInput type="date" value={sampai} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setSampai(event.target.value)} />
            </Field.Root>
            <Field.Root name="format">
              <Field.Label>Format</Field.Label>
              <Radio.Group value={format} onValueChange={(value: string) => setFormat(value as Format)} aria-label="Format">
                {FORMAT.map((item) => (
                  <Radio.Item key={item.nilai} value={item.nilai}>
                    {item.label}
                  </Radio.Item>
                ))}
              </Radio.Group>
            </Field.Root>
            {galat && (
              <Typography textColor="danger600" data-testid="cetak-buku-agenda-galat">
                {galat}
              </Typography>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">Batal</Button>
          </Modal.Close>
          <Button onClick={unduh} loading={busy} disabled={!dari || !sampai}>
            Unduh
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
