import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  Modal,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Textarea,
  Typography,
} from '@strapi/design-system';
import { useFetchClient, useNotification, unstable_useDocument as useDocument } from '@strapi/strapi/admin';

/** Content types that run an SOP, by the `:model` of the `/sop` API. */
export const SOP_MODELS: Record<string, string> = {
  'api::berita.berita': 'berita',
  'api::distribusi.distribusi': 'distribusi',
  'api::kriptogram.kriptogram': 'kriptogram',
  'api::pengaduan.pengaduan': 'pengaduan',
};

type JsonProperty = { type?: string; format?: string; anyOf?: JsonProperty[]; maxLength?: number; minLength?: number };
type Masukan = {
  catatan: 'wajib' | 'opsional' | null;
  data: { properties: Record<string, JsonProperty>; required: string[] } | null;
};
type Aksi = { ke: string; label: string; jenis: 'maju' | 'kembali' | 'batal'; masukan: Masukan };
type Riwayat = { dari: string | null; ke: string; keLabel: string; oleh: { id: number; nama: string; peran: string }; waktu: string; catatan: string | null };
type SopView = {
  documentId: string;
  tahap: string;
  tahapLabel: string;
  akhir: boolean;
  tenggat: string | null;
  nomorAgenda: string | null;
  aksi: Aksi[];
  riwayat: Riwayat[];
  bolehBacaIsi?: boolean;
  distribusi: { documentId: string; tahap: string; penerima: { nama?: string; jabatan?: string; saluran?: string } | null; nomorSalinan: number | null }[];
};
type ErrorBody = { error?: { message?: string } };

const FIELD_LABELS: Record<string, string> = {
  caraka: 'Caraka yang ditugaskan',
  sandiman: 'Sandiman yang ditugaskan',
  diterimaOleh: 'Nama penanda tangan tanda terima',
  waktu: 'Waktu diterima',
  bukti: 'ID berkas bukti (unggah di Pustaka Media)',
  indeks: 'Indeks',
  kodeKlasifikasi: 'Kode klasifikasi',
  pengolah: 'Pengolah',
  catatan: 'Catatan',
  tanggapan: 'Tanggapan untuk pelapor',
};
const USER_PICKERS: Record<string, string> = { caraka: 'caraka', sandiman: 'sandiman' };

const formatWaktu = (iso: string): string =>
  new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Jakarta' }).format(new Date(iso)) + ' WIB';

const errorMessage = (error: unknown): string => {
  const body = (error as { response?: { data?: ErrorBody } })?.response?.data;
  return body?.error?.message ?? (error instanceof Error ? error.message : 'Terjadi kesalahan.');
};

const toDataUri = (svg: string): string => `data:image/svg+xml;base64,${window.btoa(unescape(encodeURIComponent(svg)))}`;

const UserPicker = ({ peran, value, onChange, label, required }: { peran: string; value: string; onChange: (v: string) => void; label: string; required: boolean }) => {
  const { get } = useFetchClient();
  const [users, setUsers] = React.useState<{ id: number; nama: string }[]>([]);
  React.useEffect(() => {
    get<{ data: { id: number; nama: string }[] }>(`/sop/pengguna?peran=${peran}`).then(
      (response) => setUsers(response.data.data),
      () => setUsers([])
    );
  }, [get, peran]);
  return (
    <Field.Root name={peran} required={required}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect value={value} onChange={(next: string | number) => onChange(String(next))} placeholder="Pilih pegawai">
        {users.map((user) => (
          <SingleSelectOption key={user.id} value={String(user.id)}>
            {user.nama}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
};

type PenerimaDraft = { nama: string; jabatan: string; kategori: string; saluran: string };
type SalinanDraft = { perihal: string; isi: string; penerima: PenerimaDraft[] };
type Checklist = { cap: boolean; amplop: boolean; amplopRangkap: boolean };

const KATEGORI: [string, string][] = [
  ['walikota', 'Wali Kota'],
  ['sekda', 'Sekretaris Daerah'],
  ['asisten', 'Asisten'],
  ['kepala_opd', 'Kepala OPD'],
  ['lainnya', 'Lainnya'],
];
const SALURAN: [string, string][] = [
  ['ajudan', 'Melalui ajudan'],
  ['caraka', 'Diantar caraka'],
  ['faksimili', 'Faksimili'],
  ['surat_online', 'Aplikasi surat online'],
];

/** The salinan as the Sandiman types it: perihal, the decrypted text, and the recipients. */
const SalinanEditor = ({ value, onChange }: { value?: SalinanDraft; onChange: (value: SalinanDraft) => void }) => {
  const draft: SalinanDraft = value ?? { perihal: '', isi: '', penerima: [{ nama: '', jabatan: '', kategori: 'kepala_opd', saluran: 'caraka' }] };
  const setPenerima = (index: number, patch: Partial<PenerimaDraft>) =>
    onChange({ ...draft, penerima: draft.penerima.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Field.Root name="salinan.perihal" required>
        <Field.Label>Perihal salinan</Field.Label>
        <TextInput value={draft.perihal} onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange({ ...draft, perihal: event.target.value })} />
      </Field.Root>
      <Field.Root name="salinan.isi" required hint="Disimpan terenkripsi; hanya Sandiman yang ditugaskan dan Kasi yang dapat membacanya.">
        <Field.Label>Isi salinan (hasil deskripsi)</Field.Label>
        <Textarea value={draft.isi} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange({ ...draft, isi: event.target.value })} />
        <Field.Hint />
      </Field.Root>
      <Typography variant="sigma">Penerima</Typography>
      {draft.penerima.map((row, index) => (
        <Flex key={index} gap={2} wrap="wrap" alignItems="flex-end">
          <Field.Root name={`salinan.penerima.${index}.jabatan`} required>
            <Field.Label>Jabatan</Field.Label>
            <TextInput value={row.jabatan} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setPenerima(index, { jabatan: event.target.value })} />
          </Field.Root>
          <Field.Root name={`salinan.penerima.${index}.kategori`}>
            <Field.Label>Kategori</Field.Label>
            <SingleSelect value={row.kategori} onChange={(next: string | number) => setPenerima(index, { kategori: String(next) })}>
              {KATEGORI.map(([key, label]) => (
                <SingleSelectOption key={key} value={key}>
                  {label}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          <Field.Root name={`salinan.penerima.${index}.saluran`}>
            <Field.Label>Saluran</Field.Label>
            <SingleSelect value={row.saluran} onChange={(next: string | number) => setPenerima(index, { saluran: String(next) })}>
              {SALURAN.map(([key, label]) => (
                <SingleSelectOption key={key} value={key}>
                  {label}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Flex>
      ))}
      <Button variant="secondary" onClick={() => onChange({ ...draft, penerima: [...draft.penerima, { nama: '', jabatan: '', kategori: 'kepala_opd', saluran: 'caraka' }] })}>
        Tambah penerima
      </Button>
    </Flex>
  );
};

/** Step 8's checklist: stamp, sealed envelope, double envelope for Rahasia and Sangat Rahasia. */
const ChecklistEditor = ({ value, onChange }: { value?: Checklist; onChange: (value: Checklist) => void }) => {
  const current: Checklist = value ?? { cap: false, amplop: false, amplopRangkap: false };
  const item = (key: keyof Checklist, label: string) => (
    <Checkbox checked={current[key]} onCheckedChange={(checked: boolean | 'indeterminate') => onChange({ ...current, [key]: checked === true })}>
      {label}
    </Checkbox>
  );
  return (
    <Flex direction="column" alignItems="flex-start" gap={2}>
      {item('cap', 'Cap dinas telah dibubuhkan')}
      {item('amplop', 'Amplop telah disegel')}
      {item('amplopRangkap', 'Amplop rangkap dengan kode klasifikasi (wajib untuk Rahasia/Sangat Rahasia)')}
    </Flex>
  );
};

/** The dialog that asks for a step's input (catatan, assignee, receipt) and submits it. */
const AksiDialog = ({ model, documentId, aksi, onDone }: { model: string; documentId: string; aksi: Aksi; onDone: () => void }) => {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [open, setOpen] = React.useState(false);
  const [catatan, setCatatan] = React.useState('');
  const [values, setValues] = React.useState<Record<string, unknown>>({});
  const [busy, setBusy] = React.useState(false);
  const properties = aksi.masukan.data?.properties ?? {};
  const required = aksi.masukan.data?.required ?? [];
  const needsDialog = aksi.masukan.catatan !== null || Object.keys(properties).length > 0;

  const submit = async () => {
    setBusy(true);
    try {
      const data = Object.fromEntries(Object.entries(values).filter(([, value]) => !(typeof value === 'string' && value.trim() === '')));
      await post(`/sop/${model}/${documentId}/transisi`, {
        ke: aksi.ke,
        ...(catatan.trim() ? { catatan: catatan.trim() } : {}),
        ...(Object.keys(properties).length ? { data } : {}),
      });
      toggleNotification({ type: 'success', message: `Langkah "${aksi.label}" tersimpan.` });
      setOpen(false);
      setCatatan('');
      setValues({});
      onDone();
    } catch (error: unknown) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const variant = aksi.jenis === 'maju' ? 'default' : aksi.jenis === 'batal' ? 'danger-light' : 'tertiary';
  if (!needsDialog) {
    return (
      <Button fullWidth variant={variant} loading={busy} onClick={submit}>
        {aksi.label}
      </Button>
    );
  }
  return (
    <Modal.Root open={open} onOpenChange={setOpen}>
      <Modal.Trigger>
        <Button fullWidth variant={variant}>
          {aksi.label}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{aksi.label}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {Object.entries(properties).map(([name, property]) =>
              name === 'salinan' ? (
                <SalinanEditor key={name} value={values.salinan as SalinanDraft | undefined} onChange={(value) => setValues((prev) => ({ ...prev, salinan: value }))} />
              ) : name === 'checklist' ? (
                <ChecklistEditor key={name} value={values.checklist as Checklist | undefined} onChange={(value) => setValues((prev) => ({ ...prev, checklist: value }))} />
              ) : USER_PICKERS[name] ? (
                <UserPicker
                  key={name}
                  peran={USER_PICKERS[name]}
                  label={FIELD_LABELS[name] ?? name}
                  required={required.includes(name)}
                  value={String(values[name] ?? '')}
                  onChange={(value) => setValues((prev) => ({ ...prev, [name]: value }))}
                />
              ) : (
                <Field.Root key={name} name={name} required={required.includes(name)}>
                  <Field.Label>{FIELD_LABELS[name] ?? name}</Field.Label>
                  {property.maxLength && property.maxLength > 300 ? (
                    <Textarea value={String(values[name] ?? '')} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setValues((prev) => ({ ...prev, [name]: event.target.value }))} />
                  ) : (
                    <TextInput
                      type={property.format === 'date-time' ? 'datetime-local' : 'text'}
                      value={String(values[name] ?? '')}
                      onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
                        const raw = event.target.value;
                        const value = property.format === 'date-time' && raw ? new Date(raw).toISOString() : raw;
                        setValues((prev) => ({ ...prev, [name]: value }));
                      }}
                    />
                  )}
                </Field.Root>
              )
            )}
            {aksi.masukan.catatan !== null && (
              <Field.Root name="catatan" required={aksi.masukan.catatan === 'wajib'} hint={aksi.masukan.catatan === 'wajib' ? 'Wajib diisi: alasan langkah ini.' : undefined}>
                <Field.Label>Catatan</Field.Label>
                <Textarea value={catatan} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setCatatan(event.target.value)} />
                <Field.Hint />
              </Field.Root>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">Batal</Button>
          </Modal.Close>
          <Button loading={busy} onClick={submit}>
            Simpan langkah
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

/** The plaintext, fetched only when asked for ("Tampilkan isi"); the server audits every read. */
const IsiSalinan = ({ documentId }: { documentId: string }) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [isi, setIsi] = React.useState<{ perihal: string | null; isi: string | null } | null>(null);
  const show = async () => {
    try {
      const response = await get<{ data: { perihal: string | null; isi: string | null } }>(`/sop/kriptogram/${documentId}/isi`);
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

type Cetak = { jenis: string; label: string };

const URUTAN_TAHAP: Record<string, string[]> = {
  berita: ['diterima', 'diperiksa', 'dicetak', 'diagendakan', 'diteruskan_ke_kasi', 'diparaf_kasi', 'diparaf_kabid', 'diparaf_kadis', 'ditugaskan_ke_caraka', 'didistribusikan', 'tanda_terima_diserahkan', 'diarsipkan'],
  kriptogram: ['diterima', 'diagendakan', 'dilaporkan', 'ditugaskan_deskripsi', 'dideskripsi', 'diparaf_sandiman', 'ditandatangani_kasi', 'dinomori', 'didistribusikan', 'diarsipkan'],
};

/** The documents a record has at its tahap (GET /sop/:model/:documentId/dokumen/:jenis; the server has the last word). */
const dokumenTersedia = (model: string, view: SopView, dokumen: Record<string, unknown> | undefined): Cetak[] => {
  const urutan = URUTAN_TAHAP[model] ?? [];
  const sejak = (tahap: string) => urutan.indexOf(view.tahap) >= urutan.indexOf(tahap) && urutan.includes(view.tahap);
  const salinan = view.distribusi.length;
  const list: Cetak[] = [];
  if (model === 'berita') {
    const penerima = Array.isArray(dokumen?.penerima) ? dokumen.penerima.length : 0;
    if (sejak('diperiksa') && penerima > 0) list.push({ jenis: 'berita', label: `Cetak berita (${penerima} salinan)` });
    if (sejak('diteruskan_ke_kasi')) list.push({ jenis: 'kartu-kendali', label: 'Cetak kartu kendali' }, { jenis: 'lembar-pengantar', label: 'Cetak lembar pengantar' });
    if (salinan > 0) list.push({ jenis: 'tanda-terima', label: `Cetak tanda terima (${salinan} salinan)` });
  } else if (model === 'kriptogram') {
    if (sejak('dideskripsi')) list.push({ jenis: 'surat-pengantar', label: 'Cetak surat pengantar' });
    if (sejak('dideskripsi') && view.bolehBacaIsi) list.push({ jenis: 'salinan', label: 'Cetak salinan' });
    if (salinan > 0) list.push({ jenis: 'resi', label: `Cetak resi (${salinan} salinan)` });
  } else if (model === 'distribusi') {
    // a copy of a kriptogram carries the salinan's number; a copy of a berita does not
    list.push(dokumen?.nomorSurat ? { jenis: 'resi', label: 'Cetak resi' } : { jenis: 'tanda-terima', label: 'Cetak tanda terima' });
  }
  return list;
};

/** Print buttons: each downloads the .docx (or PDF) with its Indonesian file name. */
const CetakDokumen = ({ model, uid, documentId, view }: { model: string; uid: string; documentId: string; view: SopView }) => {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { document: dokumen } = useDocument({ model: uid, collectionType: 'collection-types', documentId });
  const [busy, setBusy] = React.useState<string | null>(null);
  const [pdf, setPdf] = React.useState(false);
  const items = dokumenTersedia(model, view, dokumen as Record<string, unknown> | undefined);
  if (items.length === 0) return null;

  const unduh = async (item: Cetak) => {
    setBusy(item.jenis);
    try {
      const response = await get(`/sop/${model}/${documentId}/dokumen/${item.jenis}${pdf ? '?format=pdf' : ''}`, {
        responseType: 'blob',
        validateStatus: () => true,
      });
      if (response.status !== 200) {
        let message = `Dokumen tidak dapat diunduh (${response.status}).`;
        try {
          message = (JSON.parse(await response.data.text()) as ErrorBody).error?.message ?? message;
        } catch {
          // not a JSON error body: keep the generic message
        }
        throw new Error(message);
      }
      const disposition = response.headers?.get('content-disposition') ?? '';
      const nama = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${item.jenis}.${pdf ? 'pdf' : 'docx'}`;
      const href = URL.createObjectURL(response.data);
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
      setBusy(null);
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="sop-cetak">
      <Typography variant="sigma">Cetak</Typography>
      {items.map((item) => (
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

const SopPanelContent = ({ model, uid, documentId }: { model: string; uid: string; documentId: string }) => {
  const { get } = useFetchClient();
  const { refetch } = useDocument({ model: uid, collectionType: 'collection-types', documentId });
  const [view, setView] = React.useState<SopView | null>(null);
  const [diagram, setDiagram] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  const load = React.useCallback(async () => {
    try {
      const response = await get<{ data: SopView }>(`/sop/${model}/${documentId}`);
      setView(response.data.data);
      setError(null);
      const svg = await get(`/sop/diagram/${model}?tahap=${encodeURIComponent(response.data.data.tahap)}`, { responseType: 'text' });
      setDiagram(svg.data);
    } catch (failure: unknown) {
      setError(errorMessage(failure));
    }
  }, [get, model, documentId]);

  React.useEffect(() => {
    load();
  }, [load]);

  if (error) return <Typography textColor="danger600">{error}</Typography>;
  if (!view) return <Typography>Memuat…</Typography>;
  const terlambat = !view.akhir && view.tenggat !== null && new Date(view.tenggat).getTime() < Date.now();

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="sop-panel">
      <Flex gap={2} wrap="wrap">
        <Typography variant="sigma">Tahap</Typography>
        <Badge data-testid="sop-tahap">{view.tahapLabel}</Badge>
      </Flex>
      {view.nomorAgenda && (
        <Typography variant="omega">
          Nomor agenda: <strong>{view.nomorAgenda}</strong>
        </Typography>
      )}
      {view.tenggat && (
        <Typography variant="omega" textColor={terlambat ? 'danger600' : 'neutral800'}>
          Tenggat: {formatWaktu(view.tenggat)} {terlambat ? '— TERLAMBAT' : ''}
        </Typography>
      )}
      {view.aksi.length > 0 ? (
        <Flex direction="column" alignItems="stretch" gap={2} data-testid="sop-aksi">
          {view.aksi.map((aksi) => (
            <AksiDialog key={aksi.ke} model={model} documentId={documentId} aksi={aksi} onDone={() => { load(); refetch(); }} />
          ))}
        </Flex>
      ) : (
        <Typography variant="pi" textColor="neutral600">
          Tidak ada langkah SOP yang dapat Anda lakukan pada tahap ini.
        </Typography>
      )}
      {view.bolehBacaIsi && <IsiSalinan documentId={documentId} />}
      <CetakDokumen model={model} uid={uid} documentId={documentId} view={view} />
      {view.distribusi.length > 0 && (
        <Box>
          <Typography variant="sigma">Salinan</Typography>
          <ul>
            {view.distribusi.map((copy) => (
              <li key={copy.documentId}>
                <Typography variant="pi">
                  {copy.nomorSalinan ? `${copy.nomorSalinan}. ` : ''}
                  {copy.penerima?.jabatan ?? copy.penerima?.nama ?? '-'} — {copy.tahap}
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}
      {diagram && (
        <Box>
          <Typography variant="sigma">Alur SOP</Typography>
          <img src={toDataUri(diagram)} alt={`Diagram alur SOP, tahap sekarang: ${view.tahapLabel}`} style={{ width: '100%' }} />
        </Box>
      )}
      <Box>
        <Typography variant="sigma">Riwayat</Typography>
        <ol data-testid="sop-riwayat" style={{ paddingLeft: '1.2em' }}>
          {view.riwayat.map((row, index) => (
            <li key={index}>
              <Typography variant="pi">
                <strong>{row.keLabel}</strong> — {row.oleh.nama} ({row.oleh.peran}), {formatWaktu(row.waktu)}
                {row.catatan ? `: ${row.catatan}` : ''}
              </Typography>
            </li>
          ))}
        </ol>
      </Box>
    </Flex>
  );
};

type PanelProps = { model: string; documentId?: string };

/** Edit-view side panel: tahap, tenggat, the diagram, the history and the buttons this user may press. */
export const SopPanel = ({ model, documentId }: PanelProps) => {
  const sopModel = SOP_MODELS[model];
  if (!sopModel) return null;
  return {
    title: 'Langkah SOP',
    content: documentId ? (
      <SopPanelContent model={sopModel} uid={model} documentId={documentId} />
    ) : (
      <Typography variant="pi">Simpan naskah terlebih dahulu; tahap SOP dimulai dari "diterima".</Typography>
    ),
  };
};
