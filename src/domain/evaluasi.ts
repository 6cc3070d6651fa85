/**
 * Evaluasi kinerja triwulanan (component 13 of both service standards: "Evaluasi Kinerja
 * dilaksanakan setiap tiga bulan sekali oleh pimpinan"), the pure part: given one quarter
 * (in WIB) and, per SOP, its records and their audit rows, the figures the leaders read.
 * No Strapi import: the loader (src/evaluasi/load.ts) reads the database, this computes.
 *
 * Definitions (every figure counts what was true at the quarter's end, `akhir`):
 *  - cohort of a service: its records received (`masuk`) in [mulai, akhir);
 *  - finished (`selesai`): reached a final state that is not a void before `akhir`; the time
 *    of finishing is the first audit row entering such a state; a void state is the target of
 *    a transition of kind `batal` (berita `batal`, pengaduan `ditolak`);
 *  - on time (`tepatWaktu`): finished at or before the record's standard deadline
 *    (`tenggat`; for complaints the resolution deadline `tenggatPenyelesaian`);
 *  - share on time = on time / (cohort − voided − without a deadline), in percent with one decimal;
 *  - time of a step = working minutes (service hours and holidays of the calendar passed
 *    in, `workingMinutesBetween`) from entering the step's `dari` state (the previous
 *    transition, or `masuk` for the first state) to the step; steps after `akhir` are left out;
 *    the role of a step is the transition's role the actor held (Super Admin when none);
 *  - median: middle value (mean of the two middle values for an even count); 90th percentile:
 *    nearest rank (the ⌈0.9·n⌉-th smallest value);
 *  - overdue (`terlambat`): a cohort record finished after its deadline, or any record
 *    received before `akhir`, neither finished nor voided by `akhir`, whose deadline is before `akhir`;
 *  - each record is read under its own workflow version (its `alurVersi`, issue 13): that version's
 *    states, finished and void states and transitions; a record with steps, none of them before
 *    `akhir`, was at `akhir` in its version's initial state (a record without any step: its state now);
 *  - complaints by status: the state each complaint of the cohort was in at `akhir`; by timer:
 *    the acknowledgment timer is met when the complaint leaves `diterima`, the response timer
 *    when it leaves `diterima`/`diproses`, the resolution timer when it reaches a final state;
 *    met at or before its deadline = `tepat`, later (or still running past it at `akhir`) =
 *    `terlambat`, still running with the deadline not yet passed = `berjalan`.
 */
import { WIB_OFFSET_MS, workingMinutesCounter, type Holidays, type ServiceSchedule } from './calendar';
import { BULAN } from './letters/format';

/** A quarter of a year, in WIB. */
export type Triwulan = { tahun: number; triwulan: 1 | 2 | 3 | 4 };

const ROMAWI = ['I', 'II', 'III', 'IV'] as const;

/** The quarter's bounds: [mulai, akhir) as instants (1 Oktober 00.00 WIB … 1 Januari 00.00 WIB). */
export const batasTriwulan = ({ tahun, triwulan }: Triwulan): { mulai: Date; akhir: Date } => ({
  mulai: new Date(Date.UTC(tahun, (triwulan - 1) * 3, 1) - WIB_OFFSET_MS),
  akhir: new Date(Date.UTC(tahun, triwulan * 3, 1) - WIB_OFFSET_MS),
});

/** The quarter's three months as [mulai, akhir) instants (1st of the month 00.00 WIB), in order. */
export const bulanTriwulan = ({ tahun, triwulan }: Triwulan): [Date, Date][] =>
  [0, 1, 2].map((bulan) => [
    new Date(Date.UTC(tahun, (triwulan - 1) * 3 + bulan, 1) - WIB_OFFSET_MS),
    new Date(Date.UTC(tahun, (triwulan - 1) * 3 + bulan + 1, 1) - WIB_OFFSET_MS),
  ]);

/** `Triwulan IV 2026 (1 Oktober – 31 Desember 2026, WIB)`. */
export const labelTriwulan = ({ tahun, triwulan }: Triwulan): string => {
  const awal = BULAN[(triwulan - 1) * 3];
  const akhirBulan = BULAN[triwulan * 3 - 1];
  const hariTerakhir = new Date(Date.UTC(tahun, triwulan * 3, 0)).getUTCDate();
  return `Triwulan ${ROMAWI[triwulan - 1]} ${tahun} (1 ${awal} – ${hariTerakhir} ${akhirBulan} ${tahun}, WIB)`;
};

/** A workflow as the evaluation reads it (the shape of a definition, without its code). */
export type DefinisiEvaluasi = {
  model: string;
  title: string;
  initial: string;
  states: readonly { key: string; label: string; final?: boolean }[];
  transitions: readonly { from: readonly string[]; to: string; label: string; roles: readonly string[]; kind?: string }[];
};

/** One record: when it came in, its standard deadline, its state now, and what to show of it. */
export type RekamanEvaluasi = {
  documentId: string;
  masuk: Date;
  /** the standard's deadline for finishing (complaints: tenggatPenyelesaian) */
  tenggat: Date | null;
  tahap: string;
  /** the workflow version the record runs under (null or absent: version 1, see DataLayanan.versi) */
  alurVersi?: number | null;
  nomor?: string | null;
  perihal?: string | null;
  /** complaints only: the three timers of src/domain/pengaduan.ts */
  tenggatPengakuan?: Date | null;
  tenggatRespons?: Date | null;
  tenggatPenyelesaian?: Date | null;
};

/** One audit row of a record (only rows whose `ke` is a state of the workflow matter). */
export type BarisAuditEvaluasi = {
  documentId: string;
  urutan: number;
  dari: string | null;
  ke: string;
  /** when the step was taken (a Date, or ms since the epoch: the loader of a large quarter saves the objects) */
  waktu: Date | number;
  aktorPeran: string;
};

const msOf = (waktu: Date | number): number => (typeof waktu === 'number' ? waktu : waktu.getTime());

/**
 * One record's trail as the figures read it (steps before the quarter's end only; times in ms
 * since the epoch): the state after its last step, when it first entered a finished or a void
 * state, and when it first left the states in which each complaint timer runs.
 */
export type JejakRekaman = {
  tahapAkhir: string;
  selesaiPada: number | null;
  batalPada: number | null;
  keluar: Readonly<Record<TimerPengaduan['timer'], number | null>>;
};

/**
 * The steps `dari` → `ke` taken by actors of one `aktorPeran` on the cohort's records, before the
 * quarter's end: parallel lists of when each step's `dari` state was entered (null for a record's
 * first step: it was entered at `masuk`, see `dokumen`) and when the step was taken (ms).
 */
export type KelompokLangkah = {
  dari: string;
  ke: string;
  aktorPeran: string;
  mulai: readonly (number | null)[];
  selesai: readonly number[];
  /** the record of each first step (a null `mulai`), else null */
  dokumen: readonly (string | null)[];
};

/**
 * What the figures need of a service's audit trail: per record (`jejak`, by documentId), per step
 * (`langkah`), and the records whose every step came at or after `akhir` (`sesudahAkhir`).
 */
export type RingkasanJejak = {
  jejak: ReadonlyMap<string, JejakRekaman>;
  langkah: readonly KelompokLangkah[];
  sesudahAkhir: ReadonlySet<string>;
};

/**
 * One service's data for the quarter: its records and their audit rows. `definisi` (the active
 * version) names the service and orders the steps table; `versi` is the workflow version of each
 * `alurVersi` number — a record is computed, and its states and steps labelled, under its own (null
 * counts as 1), and under `definisi` when its version is not given. The same step (label, states,
 * roles) in two versions is one row of the steps table.
 */
export type DataLayanan = {
  definisi: DefinisiEvaluasi;
  versi?: ReadonlyMap<number, DefinisiEvaluasi>;
  rekaman: readonly RekamanEvaluasi[];
  audit: readonly BarisAuditEvaluasi[];
};

/** Input of hitungEvaluasi: the quarter, the services, the calendar, and the admin role name of each role key. */
export type MasukanEvaluasi = {
  triwulan: Triwulan;
  layanan: readonly DataLayanan[];
  schedule: ServiceSchedule;
  holidays: Holidays;
  namaPeran: Readonly<Record<string, string>>;
};

export type VolumeLayanan = {
  model: string;
  layanan: string;
  masuk: number;
  selesai: number;
  tepatWaktu: number;
  selesaiTerlambat: number;
  batal: number;
  terbuka: number;
  /** records of the cohort that carry no deadline (not in the share's base) */
  tanpaTenggat: number;
  /** tepatWaktu / (masuk − batal − tanpaTenggat) × 100, one decimal; null when nothing counts */
  persenTepatWaktu: number | null;
  /** overdue records of this service (see the module comment) */
  terlambat: number;
};

/** Median and 90th percentile of a list of durations, in working minutes (one decimal). */
export type Sebaran = { jumlah: number; medianMenit: number | null; p90Menit: number | null };

export type WaktuLangkah = Sebaran & { model: string; layanan: string; langkah: string; dari: string; ke: string; peran: string };
export type WaktuPeran = Sebaran & { peran: string };

export type ButirTerlambat = {
  model: string;
  layanan: string;
  documentId: string;
  nomor: string | null;
  perihal: string | null;
  masuk: string;
  tenggat: string;
  selesai: string | null;
  keadaan: 'Selesai melewati tenggat' | 'Belum selesai, melewati tenggat';
  tahap: string;
  /** working minutes past the deadline (to finishing, or to the quarter's end) */
  lewatMenit: number;
};

export type TimerPengaduan = {
  timer: 'pengakuan' | 'respons' | 'penyelesaian';
  label: string;
  tepat: number;
  terlambat: number;
  berjalan: number;
  tanpaTenggat: number;
};

export type Evaluasi = {
  triwulan: Triwulan & { label: string; mulai: string; akhir: string };
  satuanWaktu: string;
  layanan: VolumeLayanan[];
  langkah: WaktuLangkah[];
  peran: WaktuPeran[];
  terlambat: ButirTerlambat[];
  pengaduan: { jumlah: number; perTahap: { tahap: string; label: string; jumlah: number }[]; perTimer: TimerPengaduan[] } | null;
};

/** The unit every duration is given in. */
export const SATUAN_WAKTU = 'menit kerja (jam layanan WIB, tanpa hari libur)';

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** Median (mean of the two middle values when even) and nearest-rank 90th percentile. */
export const sebaran = (values: readonly number[]): Sebaran => {
  if (values.length === 0) return { jumlah: 0, medianMenit: null, p90Menit: null };
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const p90 = sorted[Math.max(0, Math.ceil(0.9 * n) - 1)];
  return { jumlah: n, medianMenit: round1(median), p90Menit: round1(p90) };
};

/** The void states of a workflow: targets of its `batal` transitions. */
export const tahapBatal = (definisi: DefinisiEvaluasi): Set<string> =>
  new Set(definisi.transitions.filter((t) => t.kind === 'batal').map((t) => t.to));

/** Final states that are not a void: reaching one finishes the record. */
export const tahapSelesai = (definisi: DefinisiEvaluasi): Set<string> => {
  const batal = tahapBatal(definisi);
  return new Set(definisi.states.filter((state) => state.final && !batal.has(state.key)).map((state) => state.key));
};

type LangkahBucket = { urut: number[]; model: string; layanan: string; langkah: string; dari: string; ke: string; peran: string; nilai: number[] };

const TIMER_LABEL: Record<TimerPengaduan['timer'], string> = {
  pengakuan: 'Pengakuan (tanda terima pengaduan)',
  respons: 'Respons (tanggapan awal)',
  penyelesaian: 'Penyelesaian',
};
/** States in which each complaint timer still runs. */
const TIMER_BERJALAN: Record<TimerPengaduan['timer'], readonly string[]> = {
  pengakuan: ['diterima'],
  respons: ['diterima', 'diproses'],
  penyelesaian: ['diterima', 'diproses', 'diteruskan_ke_pejabat'],
};

/**
 * Summarises a service's audit rows for the figures (see RingkasanJejak): only steps between two
 * states of the workflow (no creation or correction rows), taken before `akhir`, in `urutan`
 * order; step groups only for the records in `kohort` (documentIds). Pure; throws nothing.
 */
export const ringkasJejak = (
  definisi: DefinisiEvaluasi,
  audit: readonly BarisAuditEvaluasi[],
  akhir: Date,
  kohort: ReadonlySet<string>
): RingkasanJejak => {
  const states = new Set(definisi.states.map((state) => state.key));
  const selesaiSet = tahapSelesai(definisi);
  const batalSet = tahapBatal(definisi);
  const perRekaman = new Map<string, BarisAuditEvaluasi[]>();
  const sesudahAkhir = new Set<string>();
  for (const row of audit) {
    if (!states.has(row.ke) || row.dari === null || !states.has(row.dari) || row.dari === row.ke) continue;
    if (!(msOf(row.waktu) < akhir.getTime())) {
      sesudahAkhir.add(row.documentId);
      continue;
    }
    const steps = perRekaman.get(row.documentId);
    if (steps) steps.push(row);
    else perRekaman.set(row.documentId, [row]);
  }
  const jejak = new Map<string, JejakRekaman>();
  // groups by dari, then ke, then aktorPeran (no composed string key per step)
  const kelompok = new Map<
    string,
    Map<
      string,
      Map<string, { dari: string; ke: string; aktorPeran: string; mulai: (number | null)[]; selesai: number[]; dokumen: (string | null)[] }>
    >
  >();
  const groupOf = (dari: string, ke: string, aktorPeran: string) => {
    let byKe = kelompok.get(dari);
    if (!byKe) kelompok.set(dari, (byKe = new Map()));
    let byPeran = byKe.get(ke);
    if (!byPeran) byKe.set(ke, (byPeran = new Map()));
    let group = byPeran.get(aktorPeran);
    if (!group) byPeran.set(aktorPeran, (group = { dari, ke, aktorPeran, mulai: [], selesai: [], dokumen: [] }));
    return group;
  };
  const [pengakuan, respons, penyelesaian] = [TIMER_BERJALAN.pengakuan, TIMER_BERJALAN.respons, TIMER_BERJALAN.penyelesaian].map(
    (list) => new Set(list)
  );
  for (const [documentId, steps] of perRekaman) {
    if (steps.length > 1) steps.sort((a, b) => a.urutan - b.urutan);
    const record: { -readonly [K in keyof JejakRekaman]: JejakRekaman[K] } & { keluar: Record<TimerPengaduan['timer'], number | null> } = {
      tahapAkhir: steps[steps.length - 1].ke,
      selesaiPada: null,
      batalPada: null,
      keluar: { pengakuan: null, respons: null, penyelesaian: null },
    };
    const inKohort = kohort.has(documentId);
    let mulai: number | null = null;
    for (const step of steps) {
      const waktu = msOf(step.waktu);
      if (record.selesaiPada === null && selesaiSet.has(step.ke)) record.selesaiPada = waktu;
      if (record.batalPada === null && batalSet.has(step.ke)) record.batalPada = waktu;
      if (record.keluar.pengakuan === null && !pengakuan.has(step.ke)) record.keluar.pengakuan = waktu;
      if (record.keluar.respons === null && !respons.has(step.ke)) record.keluar.respons = waktu;
      if (record.keluar.penyelesaian === null && !penyelesaian.has(step.ke)) record.keluar.penyelesaian = waktu;
      if (!inKohort) continue;
      const group = groupOf(step.dari as string, step.ke, step.aktorPeran);
      group.mulai.push(mulai);
      group.selesai.push(waktu);
      group.dokumen.push(mulai === null ? documentId : null);
      mulai = waktu;
    }
    jejak.set(documentId, record);
  }
  const langkah = [...kelompok.values()].flatMap((byKe) => [...byKe.values()].flatMap((byPeran) => [...byPeran.values()]));
  for (const documentId of jejak.keys()) sesudahAkhir.delete(documentId);
  return { jejak, langkah, sesudahAkhir };
};

/**
 * Computes the quarter's figures (definitions in the module comment). Takes the quarter,
 * the services' records and audit rows, the service calendar and role names; returns
 * plain data with Indonesian labels, times as ISO strings (UTC). Throws nothing.
 */
export const hitungEvaluasi = (masukan: MasukanEvaluasi): Evaluasi => {
  const { mulai, akhir } = batasTriwulan(masukan.triwulan);
  const menit = workingMinutesCounter(masukan.schedule, masukan.holidays);
  const namaKe = new Map(Object.entries(masukan.namaPeran).map(([key, name]) => [name, key]));

  const layanan: VolumeLayanan[] = [];
  const langkah: LangkahBucket[] = [];
  const peran = new Map<string, number[]>();
  const terlambat: ButirTerlambat[] = [];
  let pengaduan: Evaluasi['pengaduan'] = null;

  for (const [urutLayanan, data] of masukan.layanan.entries()) {
    const { definisi } = data;
    const stateIndex = (key: string): number => definisi.states.findIndex((state) => state.key === key);
    const labels = new Map(definisi.states.map((state) => [state.key, state.label]));
    const versiLabels = new Map<DefinisiEvaluasi, Map<string, string>>();
    /** A state's label in a record's version, else in the service's definition. */
    const label = (key: string, versi: DefinisiEvaluasi = definisi): string => {
      let own = versiLabels.get(versi);
      if (!own) versiLabels.set(versi, (own = new Map(versi.states.map((state) => [state.key, state.label]))));
      return own.get(key) ?? labels.get(key) ?? key;
    };
    /** The workflow version a record runs under (its alurVersi, null counting as 1), else the service's definition. */
    const versiOf = (rekaman: RekamanEvaluasi): DefinisiEvaluasi => data.versi?.get(rekaman.alurVersi ?? 1) ?? definisi;
    // One entry per version and step (dari → ke), found once: a quarter may hold hundreds of thousands of steps.
    // The same step (label, states, roles) of two versions is one row of the table.
    type Tepi = { bucket: LangkahBucket; transition: DefinisiEvaluasi['transitions'][number] | undefined; peranOf: Map<string, number[]> };
    const tepiCache = new Map<DefinisiEvaluasi, Map<string, Map<string, Tepi>>>();
    const bucketOf = new Map<string, LangkahBucket>();
    const tepiOf = (versi: DefinisiEvaluasi, dari: string, ke: string): Tepi => {
      let byDari = tepiCache.get(versi);
      if (!byDari) tepiCache.set(versi, (byDari = new Map()));
      let byKe = byDari.get(dari);
      if (!byKe) byDari.set(dari, (byKe = new Map()));
      let tepi = byKe.get(ke);
      if (!tepi) {
        const transition = versi.transitions.find((t) => t.to === ke && t.from.includes(dari));
        const shown = {
          langkah: transition?.label ?? `${label(dari, versi)} → ${label(ke, versi)}`,
          dari: label(dari, versi),
          ke: label(ke, versi),
          peran: transition ? transition.roles.map((r) => masukan.namaPeran[r] ?? r).join(' / ') : '',
        };
        const key = JSON.stringify([shown.langkah, shown.dari, shown.ke, shown.peran]);
        let bucket = bucketOf.get(key);
        if (!bucket) {
          const urutan = definisi.transitions.findIndex((t) => t.to === ke && t.from.includes(dari));
          bucket = {
            urut: [urutLayanan, urutan >= 0 ? urutan : definisi.transitions.length, stateIndex(dari)],
            model: definisi.model,
            layanan: definisi.title,
            ...shown,
            nilai: [],
          };
          langkah.push(bucket);
          bucketOf.set(key, bucket);
        }
        tepi = { bucket, transition, peranOf: new Map() };
        byKe.set(ke, tepi);
      }
      return tepi;
    };
    /** The durations list of the role an actor (`aktorPeran`, role names joined by commas) acted in on this step. */
    const peranValues = (tepi: Tepi, aktorPeran: string): number[] => {
      const known = tepi.peranOf.get(aktorPeran);
      if (known) return known;
      const roles = aktorPeran.split(',').map((name) => name.trim());
      const roleKey = tepi.transition?.roles.find((role) => roles.includes(masukan.namaPeran[role] ?? role));
      const nama = roleKey ? (masukan.namaPeran[roleKey] ?? roleKey) : roles.find((name) => !namaKe.has(name)) || aktorPeran;
      let values = peran.get(nama);
      if (!values) peran.set(nama, (values = []));
      tepi.peranOf.set(aktorPeran, values);
      return values;
    };
    const akhirVersi = new Map<DefinisiEvaluasi, { selesai: Set<string>; batal: Set<string> }>();
    const akhirOf = (versi: DefinisiEvaluasi) => {
      let known = akhirVersi.get(versi);
      if (!known) akhirVersi.set(versi, (known = { selesai: tahapSelesai(versi), batal: tahapBatal(versi) }));
      return known;
    };
    const masukOf = new Map(data.rekaman.map((rekaman) => [rekaman.documentId, rekaman.masuk.getTime()]));
    const kohort = new Set(
      data.rekaman.filter((r) => r.masuk.getTime() >= mulai.getTime() && r.masuk.getTime() < akhir.getTime()).map((r) => r.documentId)
    );
    // each version's records summarised under that version (one pass when they share one)
    const versiRekaman = new Map<string, DefinisiEvaluasi>();
    for (const rekaman of data.rekaman) versiRekaman.set(rekaman.documentId, versiOf(rekaman));
    const dipakai = [...new Set(versiRekaman.values())];
    const ringkasanVersi: { versi: DefinisiEvaluasi; ringkasan: RingkasanJejak }[] = [];
    if (dipakai.length <= 1) {
      const versi = dipakai[0] ?? definisi;
      ringkasanVersi.push({ versi, ringkasan: ringkasJejak(versi, data.audit, akhir, kohort) });
    } else {
      const auditVersi = new Map<DefinisiEvaluasi, BarisAuditEvaluasi[]>(dipakai.map((versi) => [versi, []]));
      for (const row of data.audit) auditVersi.get(versiRekaman.get(row.documentId) ?? definisi)?.push(row);
      for (const [versi, audit] of auditVersi) ringkasanVersi.push({ versi, ringkasan: ringkasJejak(versi, audit, akhir, kohort) });
    }
    const jejakOf = (documentId: string): JejakRekaman | undefined => {
      for (const { ringkasan } of ringkasanVersi) {
        const found = ringkasan.jejak.get(documentId);
        if (found) return found;
      }
      return undefined;
    };
    const sesudahAkhir = (documentId: string): boolean => ringkasanVersi.some(({ ringkasan }) => ringkasan.sesudahAkhir.has(documentId));

    const volume: VolumeLayanan = {
      model: definisi.model,
      layanan: definisi.title,
      masuk: 0,
      selesai: 0,
      tepatWaktu: 0,
      selesaiTerlambat: 0,
      batal: 0,
      terbuka: 0,
      tanpaTenggat: 0,
      persenTepatWaktu: null,
      terlambat: 0,
    };
    const perTahap = new Map<string, number>();
    const perTimer = (['pengakuan', 'respons', 'penyelesaian'] as const).map((timer): TimerPengaduan => ({
      timer,
      label: TIMER_LABEL[timer],
      tepat: 0,
      terlambat: 0,
      berjalan: 0,
      tanpaTenggat: 0,
    }));
    const isPengaduan = definisi.model === 'pengaduan';

    for (const rekaman of data.rekaman) {
      if (rekaman.masuk.getTime() >= akhir.getTime()) continue;
      const versi = versiOf(rekaman);
      const { selesai: selesaiSet, batal: batalSet } = akhirOf(versi);
      const jejak = jejakOf(rekaman.documentId);
      const selesaiPada = jejak?.selesaiPada != null ? new Date(jejak.selesaiPada) : null;
      const batalPada = jejak?.batalPada != null ? new Date(jejak.batalPada) : null;
      // Steps, but none before the quarter's end: it was still in its version's initial state then.
      // Records seeded without any step: the current state stands for the state at the quarter's end.
      const tanpaLangkah = !jejak && !sesudahAkhir(rekaman.documentId);
      const tahapAkhir = jejak ? jejak.tahapAkhir : tanpaLangkah ? rekaman.tahap : versi.initial;
      const sudahSelesai = selesaiPada !== null || (tanpaLangkah && selesaiSet.has(rekaman.tahap));
      const sudahBatal = batalPada !== null || (tanpaLangkah && batalSet.has(rekaman.tahap));
      const dalamKohort = rekaman.masuk.getTime() >= mulai.getTime();

      const lewat = (selesai: Date | null): ButirTerlambat => ({
        model: definisi.model,
        layanan: definisi.title,
        documentId: rekaman.documentId,
        nomor: rekaman.nomor ?? null,
        perihal: rekaman.perihal ?? null,
        masuk: rekaman.masuk.toISOString(),
        tenggat: (rekaman.tenggat as Date).toISOString(),
        selesai: selesai ? selesai.toISOString() : null,
        keadaan: selesai ? 'Selesai melewati tenggat' : 'Belum selesai, melewati tenggat',
        tahap: label(tahapAkhir, versi),
        lewatMenit: round1(menit(rekaman.tenggat as Date, selesai ?? akhir)),
      });

      if (!sudahSelesai && !sudahBatal && rekaman.tenggat && rekaman.tenggat.getTime() < akhir.getTime()) {
        terlambat.push(lewat(null));
        volume.terlambat += 1;
      }
      if (!dalamKohort) continue;

      volume.masuk += 1;
      if (!sudahBatal && !rekaman.tenggat) volume.tanpaTenggat += 1;
      if (sudahBatal) volume.batal += 1;
      else if (sudahSelesai) {
        volume.selesai += 1;
        if (selesaiPada && rekaman.tenggat && selesaiPada.getTime() <= rekaman.tenggat.getTime()) volume.tepatWaktu += 1;
        else if (selesaiPada && rekaman.tenggat) {
          volume.selesaiTerlambat += 1;
          volume.terlambat += 1;
          terlambat.push(lewat(selesaiPada));
        }
      } else volume.terbuka += 1;

      if (isPengaduan) {
        perTahap.set(tahapAkhir, (perTahap.get(tahapAkhir) ?? 0) + 1);
        const deadlines = { pengakuan: rekaman.tenggatPengakuan, respons: rekaman.tenggatRespons, penyelesaian: rekaman.tenggatPenyelesaian };
        for (const timer of perTimer) {
          const deadline = deadlines[timer.timer] ?? null;
          const running = TIMER_BERJALAN[timer.timer];
          const keluar = jejak?.keluar[timer.timer];
          const metAt = keluar != null ? new Date(keluar) : null;
          const stillRunning = metAt === null && running.includes(tahapAkhir);
          if (!deadline) timer.tanpaTenggat += 1;
          else if (metAt) {
            if (metAt.getTime() <= deadline.getTime()) timer.tepat += 1;
            else timer.terlambat += 1;
          } else if (stillRunning && deadline.getTime() >= akhir.getTime()) timer.berjalan += 1;
          else if (stillRunning) timer.terlambat += 1;
          else timer.tepat += 1; // seeded without a trail and already past this timer: no time to judge, counted as met
        }
      }
    }
    // the time of every step of the cohort: from entering its `dari` state (the previous step, or `masuk`)
    for (const { versi, ringkasan } of ringkasanVersi)
      for (const group of ringkasan.langkah) {
        const tepi = tepiOf(versi, group.dari, group.ke);
        const values = peranValues(tepi, group.aktorPeran);
        for (let index = 0; index < group.selesai.length; index += 1) {
          const dokumen = group.dokumen[index];
          const dari = group.mulai[index] ?? (dokumen !== null ? masukOf.get(dokumen) : undefined);
          if (dari === undefined) continue;
          const durasi = menit(dari, group.selesai[index]);
          tepi.bucket.nilai.push(durasi);
          values.push(durasi);
        }
      }
    const dasar = volume.masuk - volume.batal - volume.tanpaTenggat;
    volume.persenTepatWaktu = dasar > 0 ? round1((volume.tepatWaktu / dasar) * 100) : null;
    layanan.push(volume);
    if (isPengaduan) {
      pengaduan = {
        jumlah: volume.masuk,
        perTahap: definisi.states.map((state) => ({ tahap: state.key, label: state.label, jumlah: perTahap.get(state.key) ?? 0 })),
        perTimer,
      };
    }
  }

  return {
    triwulan: { ...masukan.triwulan, label: labelTriwulan(masukan.triwulan), mulai: mulai.toISOString(), akhir: akhir.toISOString() },
    satuanWaktu: SATUAN_WAKTU,
    layanan,
    langkah: [...langkah]
      .sort((a, b) => a.urut[0] - b.urut[0] || a.urut[1] - b.urut[1] || a.urut[2] - b.urut[2])
      .map(({ nilai, urut: _urut, ...rest }) => ({ ...rest, ...sebaran(nilai) })),
    peran: [...peran.entries()].map(([nama, nilai]) => ({ peran: nama, ...sebaran(nilai) })).sort((a, b) => a.peran.localeCompare(b.peran)),
    terlambat: terlambat.sort((a, b) => a.tenggat.localeCompare(b.tenggat) || a.documentId.localeCompare(b.documentId)),
    pengaduan,
  };
};
