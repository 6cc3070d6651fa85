import * as React from 'react';
import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { formatWaktu } from '../../plugins/sop/admin/src/index';

type Status = { aktif: boolean; terakhirBerhasil: string | null; menunggu: number; galat: string | null };
type Gagal = { id: number; alasan: string; perihal: string | null; namaBerkas: string | null; sumber: string; waktu: string; ukuran: number };
type HasilUnggah = { berkas: string; hasil: 'baru' | 'duplikat' | 'gagal'; documentId?: string | null; alasan?: string };

const waktu = (iso: string | null): string => (iso ? formatWaktu(iso) : 'belum pernah');

const errorMessage = (error: unknown): string =>
  (error as { response?: { data?: { error?: { message?: string } } } })?.response?.data?.error?.message ??
  (error instanceof Error ? error.message : 'Terjadi kesalahan.');

const HASIL_LABEL: Record<HasilUnggah['hasil'], string> = { baru: 'berita baru', duplikat: 'sudah pernah diterima', gagal: 'disisihkan' };

/**
 * "Kotak Surat Sanapati": the intake's state (GET /sop/intake), the messages kept aside
 * (GET /sop/intake/gagal) and the .eml fallback — drop files or pick them (POST /sop/intake/eml).
 */
const KotakSuratPage = () => {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [status, setStatus] = React.useState<Status | null>(null);
  const [gagal, setGagal] = React.useState<Gagal[] | null>(null);
  const [hasil, setHasil] = React.useState<HasilUnggah[]>([]);
  const [sibuk, setSibuk] = React.useState(false);
  const [seret, setSeret] = React.useState(false);
  const input = React.useRef<HTMLInputElement>(null);

  const muat = React.useCallback(() => {
    get<{ data: Status }>('/sop/intake').then(
      (response) => setStatus(response.data.data),
      (error: unknown) => toggleNotification({ type: 'danger', message: errorMessage(error) })
    );
    get<{ data: Gagal[] }>('/sop/intake/gagal').then(
      (response) => setGagal(response.data.data),
      () => setGagal(null)
    );
  }, [get, toggleNotification]);

  React.useEffect(() => {
    muat();
  }, [muat]);

  const unggah = async (files: FileList | File[]) => {
    const list = Array.from(files);
    if (list.length === 0) return;
    const form = new FormData();
    for (const file of list) form.append('files', file, file.name);
    setSibuk(true);
    try {
      const response = await post<{ data: HasilUnggah[] }>('/sop/intake/eml', form);
      setHasil(response.data.data);
      const baru = response.data.data.filter((item) => item.hasil === 'baru').length;
      toggleNotification({ type: baru > 0 ? 'success' : 'info', message: `${baru} berita baru dari ${list.length} berkas.` });
      muat();
    } catch (error: unknown) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setSibuk(false);
    }
  };

  return (
    <Page.Main>
      <Page.Title>Kotak Surat Sanapati</Page.Title>
      <Layouts.Header title="Kotak Surat Sanapati" subtitle="Penerimaan berita biasa dari e-mail Sanapati (langkah 1 SOP)" />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={5} shadow="tableShadow" hasRadius>
            <Flex direction="column" alignItems="flex-start" gap={2}>
              <Typography variant="delta" tag="h2">
                Status penerimaan otomatis
              </Typography>
              {status ? (
                <>
                  <Badge active={status.aktif}>{status.aktif ? 'Aktif (IMAP)' : 'Tidak aktif: unggah berkas .eml di bawah'}</Badge>
                  <Typography>Terakhir berhasil: {waktu(status.terakhirBerhasil)}</Typography>
                  <Typography>Pesan menunggu: {status.menunggu}</Typography>
                  {status.galat ? (
                    <Typography textColor="danger600">{status.galat}</Typography>
                  ) : (
                    <Typography textColor="success600">Tidak ada galat.</Typography>
                  )}
                </>
              ) : (
                <Typography>Memuat…</Typography>
              )}
            </Flex>
          </Box>

          <Box
            background={seret ? 'primary100' : 'neutral0'}
            padding={5}
            shadow="tableShadow"
            hasRadius
            borderStyle="dashed"
            borderWidth="1px"
            borderColor={seret ? 'primary600' : 'neutral300'}
            onDragOver={(event: React.DragEvent) => {
              event.preventDefault();
              setSeret(true);
            }}
            onDragLeave={() => setSeret(false)}
            onDrop={(event: React.DragEvent) => {
              event.preventDefault();
              setSeret(false);
              void unggah(event.dataTransfer.files);
            }}
          >
            <Flex direction="column" alignItems="flex-start" gap={2}>
              <Typography variant="delta" tag="h2">
                Unggah e-mail (.eml)
              </Typography>
              <Typography>Seret berkas .eml ke sini atau pilih berkas. Pesan yang sudah pernah diterima tidak dicatat dua kali.</Typography>
              <input
                ref={input}
                type="file"
                accept=".eml,message/rfc822"
                multiple
                hidden
                onChange={(event) => {
                  if (event.target.files) void unggah(event.target.files);
                  event.target.value = '';
                }}
              />
              <Button loading={sibuk} onClick={() => input.current?.click()}>
                Pilih berkas .eml
              </Button>
              {hasil.map((item) => (
                <Typography key={`${item.berkas}-${item.documentId ?? item.alasan}`}>
                  {item.berkas}: {HASIL_LABEL[item.hasil]}
                  {item.alasan ? ` — ${item.alasan}` : ''}
                </Typography>
              ))}
            </Flex>
          </Box>

          {gagal && gagal.length > 0 ? (
            <Box background="neutral0" padding={5} shadow="tableShadow" hasRadius>
              <Flex direction="column" alignItems="flex-start" gap={2}>
                <Typography variant="delta" tag="h2">
                  Pesan yang disisihkan ({gagal.length})
                </Typography>
                {gagal.map((item) => (
                  <Typography key={item.id}>
                    {waktu(item.waktu)} · {item.perihal ?? item.namaBerkas ?? `pesan #${item.id}`} · {item.alasan}
                  </Typography>
                ))}
              </Flex>
            </Box>
          ) : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default KotakSuratPage;
