import * as React from 'react';
import {
  Alert,
  Box,
  Button,
  Field,
  Flex,
  Grid,
  Loader,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { ArcElement, BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar, Doughnut } from 'react-chartjs-2';
import { formatWaktu, keWibLokal } from '../../plugins/sop/admin/src/index';

ChartJS.register(CategoryScale, LinearScale, BarElement, ArcElement, Tooltip, Legend);

/** The answer of GET /sop/evaluasi (src/domain/evaluasi.ts `Evaluasi`). */
type Sebaran = { jumlah: number; medianMenit: number | null; p90Menit: number | null };
type Evaluasi = {
  triwulan: { tahun: number; triwulan: number; label: string; mulai: string; akhir: string };
  satuanWaktu: string;
  layanan: {
    model: string;
    layanan: string;
    masuk: number;
    selesai: number;
    tepatWaktu: number;
    selesaiTerlambat: number;
    batal: number;
    terbuka: number;
    tanpaTenggat: number;
    persenTepatWaktu: number | null;
    terlambat: number;
  }[];
  langkah: (Sebaran & { model: string; layanan: string; langkah: string; dari: string; ke: string; peran: string })[];
  peran: (Sebaran & { peran: string })[];
  terlambat: {
    model: string;
    layanan: string;
    documentId: string;
    nomor: string | null;
    perihal: string | null;
    masuk: string;
    tenggat: string;
    selesai: string | null;
    keadaan: string;
    tahap: string;
    lewatMenit: number;
  }[];
  pengaduan: {
    jumlah: number;
    perTahap: { tahap: string; label: string; jumlah: number }[];
    perTimer: { timer: string; label: string; tepat: number; terlambat: number; berjalan: number; tanpaTenggat: number }[];
  } | null;
};

const WARNA = { tepat: '#328048', terlambat: '#d02b20', batal: '#8e8ea9', terbuka: '#f29d41', median: '#4945ff', p90: '#ac73e6' };
const WARNA_TAHAP = ['#f29d41', '#4945ff', '#ac73e6', '#328048', '#8e8ea9', '#0c75af'];

/** A moment in WIB, labelled so, e.g. "30 Nov 2026, 10.00 WIB". */
const waktuWib = (iso: string | null): string => (iso ? formatWaktu(iso) : '–');

const angka = (value: number | null): string => (value === null ? '–' : value.toLocaleString('id-ID'));

/** Working minutes as "1.860 menit (≈ 4,4 hari kerja)" — a service day is 420 minutes. */
const menitKerja = (value: number | null): string =>
  value === null
    ? '–'
    : value >= 420
      ? `${angka(value)} (≈ ${(value / 420).toLocaleString('id-ID', { maximumFractionDigits: 1 })} hari kerja)`
      : angka(value);

const errorMessage = (error: unknown): string =>
  (error as { response?: { data?: { error?: { message?: string } } } })?.response?.data?.error?.message ??
  (error instanceof Error ? error.message : 'Terjadi kesalahan.');

const blobMessage = async (data: Blob, fallback: string): Promise<string> => {
  try {
    return (JSON.parse(await data.text()) as { error?: { message?: string } }).error?.message ?? fallback;
  } catch {
    return fallback;
  }
};

/** The year and quarter running now in WIB, whatever the browser's zone. */
const sekarang = (): { tahun: number; triwulan: number } => {
  const [tahun, bulan] = keWibLokal(new Date()).split('-').map(Number);
  return { tahun, triwulan: Math.floor((bulan - 1) / 3) + 1 };
};

const Kartu = ({ judul, children }: { judul: string; children: React.ReactNode }) => (
  <Box background="neutral0" padding={5} shadow="tableShadow" hasRadius>
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="delta" tag="h2">
        {judul}
      </Typography>
      {children}
    </Flex>
  </Box>
);

/** A plain table: column titles and rows of cells. */
const Tabel = ({ kolom, baris, kosong }: { kolom: string[]; baris: React.ReactNode[][]; kosong: string }) =>
  baris.length === 0 ? (
    <Typography textColor="neutral600">{kosong}</Typography>
  ) : (
    <Table colCount={kolom.length} rowCount={baris.length + 1}>
      <Thead>
        <Tr>
          {kolom.map((judul) => (
            <Th key={judul}>
              <Typography variant="sigma">{judul}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {baris.map((sel, index) => (
          <Tr key={index}>
            {sel.map((isi, column) => (
              <Td key={column}>
                <Typography>{isi}</Typography>
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );

/**
 * "Evaluasi Kinerja": the quarterly evaluation of component 13 of the service standards
 * (GET /sop/evaluasi) — quarter picker, charts (Chart.js), the tables, and the .xlsx / PDF exports.
 * Only leaders and Super Admin get the figures; anyone else reads the server's refusal.
 */
const EvaluasiKinerjaPage = () => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const awal = sekarang();
  const [tahun, setTahun] = React.useState(awal.tahun);
  const [triwulan, setTriwulan] = React.useState(awal.triwulan);
  const [data, setData] = React.useState<Evaluasi | null>(null);
  const [galat, setGalat] = React.useState<string | null>(null);
  const [memuat, setMemuat] = React.useState(false);
  const [mengunduh, setMengunduh] = React.useState<string | null>(null);

  React.useEffect(() => {
    let aktif = true;
    setMemuat(true);
    setGalat(null);
    get<{ data: Evaluasi }>(`/sop/evaluasi?tahun=${tahun}&triwulan=${triwulan}`).then(
      (response) => {
        if (!aktif) return;
        setData(response.data.data);
        setMemuat(false);
      },
      (error: unknown) => {
        if (!aktif) return;
        setData(null);
        setGalat(errorMessage(error));
        setMemuat(false);
      }
    );
    return () => {
      aktif = false;
    };
  }, [get, tahun, triwulan]);

  const unduh = async (format: 'xlsx' | 'pdf') => {
    setMengunduh(format);
    try {
      const response = await get(`/sop/evaluasi?tahun=${tahun}&triwulan=${triwulan}&format=${format}`, {
        responseType: 'blob',
        validateStatus: () => true,
      });
      if (response.status !== 200) throw new Error(await blobMessage(response.data as Blob, `Berkas tidak dapat diunduh (${response.status}).`));
      const disposition = response.headers?.get('content-disposition') ?? '';
      const nama = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `evaluasi-kinerja-${tahun}-triwulan-${triwulan}.${format}`;
      const href = URL.createObjectURL(response.data as Blob);
      const link = window.document.createElement('a');
      link.href = href;
      link.download = nama;
      window.document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
      toggleNotification({ type: 'success', message: `${nama} diunduh.` });
    } catch (failure: unknown) {
      toggleNotification({ type: 'danger', message: errorMessage(failure) });
    } finally {
      setMengunduh(null);
    }
  };

  const tahunPilihan = Array.from({ length: 6 }, (_, index) => awal.tahun - index);

  return (
    <Page.Main>
      <Page.Title>Evaluasi Kinerja</Page.Title>
      <Layouts.Header
        title="Evaluasi Kinerja"
        subtitle="Evaluasi kinerja pelayanan setiap tiga bulan oleh pimpinan (komponen 13 standar pelayanan). Semua waktu dalam WIB."
        primaryAction={
          <Flex gap={2}>
            <Button variant="secondary" loading={mengunduh === 'xlsx'} disabled={!data} onClick={() => unduh('xlsx')}>
              Unduh Excel (.xlsx)
            </Button>
            <Button variant="secondary" loading={mengunduh === 'pdf'} disabled={!data} onClick={() => unduh('pdf')}>
              Unduh PDF
            </Button>
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius>
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <Field.Root name="tahun">
                <Field.Label>Tahun</Field.Label>
                <SingleSelect value={String(tahun)} onChange={(value: string | number) => setTahun(Number(value))}>
                  {tahunPilihan.map((value) => (
                    <SingleSelectOption key={value} value={String(value)}>
                      {value}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
              <Field.Root name="triwulan">
                <Field.Label>Triwulan</Field.Label>
                <SingleSelect value={String(triwulan)} onChange={(value: string | number) => setTriwulan(Number(value))}>
                  <SingleSelectOption value="1">I (Januari–Maret)</SingleSelectOption>
                  <SingleSelectOption value="2">II (April–Juni)</SingleSelectOption>
                  <SingleSelectOption value="3">III (Juli–September)</SingleSelectOption>
                  <SingleSelectOption value="4">IV (Oktober–Desember)</SingleSelectOption>
                </SingleSelect>
              </Field.Root>
              {data ? <Typography textColor="neutral600">{data.triwulan.label}</Typography> : null}
            </Flex>
          </Box>

          {memuat ? <Loader>Memuat evaluasi…</Loader> : null}
          {galat ? (
            <Alert variant="danger" title="Evaluasi tidak dapat ditampilkan" closeLabel="Tutup" onClose={() => setGalat(null)}>
              {galat}
            </Alert>
          ) : null}

          {data && !memuat ? (
            <>
              <Typography textColor="neutral600">Waktu proses dalam {data.satuanWaktu}. Satu hari kerja (Senin–Kamis) = 420 menit.</Typography>
              <Grid.Root gap={4}>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <Kartu judul="Volume per layanan">
                    <Bar
                      aria-label="Grafik volume per layanan"
                      data={{
                        labels: data.layanan.map((l) => l.layanan),
                        datasets: [
                          { label: 'Selesai tepat waktu', data: data.layanan.map((l) => l.tepatWaktu), backgroundColor: WARNA.tepat },
                          { label: 'Selesai terlambat', data: data.layanan.map((l) => l.selesaiTerlambat), backgroundColor: WARNA.terlambat },
                          {
                            label: 'Selesai (tanpa tenggat)',
                            data: data.layanan.map((l) => l.selesai - l.tepatWaktu - l.selesaiTerlambat),
                            backgroundColor: WARNA.median,
                          },
                          { label: 'Belum selesai', data: data.layanan.map((l) => l.terbuka), backgroundColor: WARNA.terbuka },
                          { label: 'Batal / ditolak', data: data.layanan.map((l) => l.batal), backgroundColor: WARNA.batal },
                        ],
                      }}
                      options={{
                        responsive: true,
                        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
                      }}
                    />
                  </Kartu>
                </Grid.Item>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <Kartu judul="Selesai dalam waktu standar (%)">
                    <Bar
                      aria-label="Grafik persentase tepat waktu"
                      data={{
                        labels: data.layanan.filter((l) => l.persenTepatWaktu !== null).map((l) => l.layanan),
                        datasets: [
                          {
                            label: 'Tepat waktu (%)',
                            data: data.layanan.filter((l) => l.persenTepatWaktu !== null).map((l) => l.persenTepatWaktu as number),
                            backgroundColor: WARNA.tepat,
                          },
                        ],
                      }}
                      options={{ indexAxis: 'y', responsive: true, scales: { x: { min: 0, max: 100 } } }}
                    />
                  </Kartu>
                </Grid.Item>
                <Grid.Item col={12} direction="column" alignItems="stretch">
                  <Kartu judul="Waktu per peran (menit kerja): median dan persentil 90">
                    <Bar
                      aria-label="Grafik waktu per peran"
                      data={{
                        labels: data.peran.map((p) => p.peran),
                        datasets: [
                          { label: 'Median', data: data.peran.map((p) => p.medianMenit ?? 0), backgroundColor: WARNA.median },
                          { label: 'Persentil 90', data: data.peran.map((p) => p.p90Menit ?? 0), backgroundColor: WARNA.p90 },
                        ],
                      }}
                      options={{
                        responsive: true,
                        aspectRatio: 3,
                        scales: { y: { beginAtZero: true, title: { display: true, text: 'menit kerja' } } },
                      }}
                    />
                  </Kartu>
                </Grid.Item>
                {data.pengaduan ? (
                  <>
                    <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                      <Kartu judul={`Pengaduan menurut status pada akhir triwulan (${data.pengaduan.jumlah})`}>
                        <Doughnut
                          aria-label="Grafik pengaduan menurut status"
                          data={{
                            labels: data.pengaduan.perTahap.map((t) => t.label),
                            datasets: [{ data: data.pengaduan.perTahap.map((t) => t.jumlah), backgroundColor: WARNA_TAHAP }],
                          }}
                        />
                      </Kartu>
                    </Grid.Item>
                    <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                      <Kartu judul="Pengaduan menurut tenggat">
                        <Bar
                          aria-label="Grafik pengaduan menurut tenggat"
                          data={{
                            labels: data.pengaduan.perTimer.map((t) => t.label),
                            datasets: [
                              { label: 'Tepat waktu', data: data.pengaduan.perTimer.map((t) => t.tepat), backgroundColor: WARNA.tepat },
                              { label: 'Terlambat', data: data.pengaduan.perTimer.map((t) => t.terlambat), backgroundColor: WARNA.terlambat },
                              { label: 'Masih berjalan', data: data.pengaduan.perTimer.map((t) => t.berjalan), backgroundColor: WARNA.terbuka },
                            ],
                          }}
                          options={{
                            responsive: true,
                            scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
                          }}
                        />
                      </Kartu>
                    </Grid.Item>
                  </>
                ) : null}
              </Grid.Root>

              <Kartu judul="Volume dan ketepatan waktu per layanan">
                <Tabel
                  kosong="Belum ada layanan terdaftar."
                  kolom={[
                    'Layanan',
                    'Masuk',
                    'Selesai',
                    'Tepat waktu',
                    'Terlambat selesai',
                    'Batal / ditolak',
                    'Belum selesai',
                    'Tepat waktu (%)',
                    'Terlambat (semua)',
                  ]}
                  baris={data.layanan.map((l) => [
                    l.layanan,
                    angka(l.masuk),
                    angka(l.selesai),
                    angka(l.tepatWaktu),
                    angka(l.selesaiTerlambat),
                    angka(l.batal),
                    angka(l.terbuka),
                    l.persenTepatWaktu === null ? '–' : `${l.persenTepatWaktu.toLocaleString('id-ID')}%`,
                    angka(l.terlambat),
                  ])}
                />
              </Kartu>
              <Kartu judul="Waktu per langkah (menit kerja)">
                <Tabel
                  kosong="Tidak ada langkah pada triwulan ini."
                  kolom={['Layanan', 'Langkah', 'Dari → ke', 'Peran', 'Jumlah', 'Median', 'Persentil 90']}
                  baris={data.langkah.map((l) => [
                    l.layanan,
                    l.langkah,
                    `${l.dari} → ${l.ke}`,
                    l.peran,
                    angka(l.jumlah),
                    menitKerja(l.medianMenit),
                    menitKerja(l.p90Menit),
                  ])}
                />
              </Kartu>
              <Kartu judul="Waktu per peran (menit kerja)">
                <Tabel
                  kosong="Tidak ada langkah pada triwulan ini."
                  kolom={['Peran', 'Jumlah langkah', 'Median', 'Persentil 90']}
                  baris={data.peran.map((p) => [p.peran, angka(p.jumlah), menitKerja(p.medianMenit), menitKerja(p.p90Menit)])}
                />
              </Kartu>
              <Kartu judul={`Melewati tenggat (${data.terlambat.length})`}>
                <Tabel
                  kosong="Tidak ada naskah atau pengaduan yang melewati tenggat."
                  kolom={[
                    'Layanan',
                    'Nomor',
                    'Perihal',
                    'Diterima (WIB)',
                    'Tenggat (WIB)',
                    'Selesai (WIB)',
                    'Keadaan',
                    'Tahap akhir triwulan',
                    'Lewat (menit kerja)',
                  ]}
                  baris={data.terlambat.map((t) => [
                    t.layanan,
                    t.nomor ?? '–',
                    t.perihal ?? '–',
                    waktuWib(t.masuk),
                    waktuWib(t.tenggat),
                    waktuWib(t.selesai),
                    t.keadaan,
                    t.tahap,
                    menitKerja(t.lewatMenit),
                  ])}
                />
              </Kartu>
              {data.pengaduan ? (
                <Kartu judul="Pengaduan menurut tenggat">
                  <Tabel
                    kosong="Tidak ada pengaduan."
                    kolom={['Tenggat', 'Tepat waktu', 'Terlambat', 'Masih berjalan', 'Tanpa tenggat']}
                    baris={data.pengaduan.perTimer.map((t) => [
                      t.label,
                      angka(t.tepat),
                      angka(t.terlambat),
                      angka(t.berjalan),
                      angka(t.tanpaTenggat),
                    ])}
                  />
                </Kartu>
              ) : null}
            </>
          ) : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default EvaluasiKinerjaPage;
