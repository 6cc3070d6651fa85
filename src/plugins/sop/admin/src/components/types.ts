/**
 * What the side panel reads from `GET /sop/...`. The server owns every rule; these types only
 * name the shapes it sends (src/plugins/sop/server/src/services/views.ts).
 */

/** The kinds of step input the panel renders (brief decision 2). */
/** The engine's own field types; an app adds more with `addFieldEditor` (e.g. the kriptogram's `salinan`). */
export type BuiltinFieldType = 'teks' | 'teksPanjang' | 'waktu' | 'pengguna' | 'berkas' | 'checklist';

/** A field's type as the server declares it: a built-in one or one an app registered. */
export type FieldType = BuiltinFieldType | (string & {});

/** One box of a checklist field. */
export type ChecklistItem = { name: string; label: string; wajib: boolean };

/** One input of a step, as the server describes it in `masukan.fields`. */
export type FieldSpec = {
  name: string;
  type: FieldType;
  label: string;
  wajib: boolean;
  maks?: number;
  min?: number;
  /** type 'pengguna': the role whose active users may be picked */
  peran?: string;
  /** type 'checklist' */
  items?: ChecklistItem[];
  /** one line of help under the field */
  bantuan?: string;
};

/** A JSON-schema property, as `masukan.data` describes it (the older form, kept for compatibility). */
export type JsonProperty = {
  type?: string;
  format?: string;
  anyOf?: JsonProperty[];
  maxLength?: number;
  minLength?: number;
  properties?: Record<string, JsonProperty>;
  required?: string[];
};

/** What a step asks for: a note (required, optional or none) and its fields. */
export type Masukan = {
  catatan: 'wajib' | 'opsional' | null;
  data: { properties: Record<string, JsonProperty>; required: string[] } | null;
  fields?: FieldSpec[];
};

/** A step this user may take now. */
export type Aksi = { ke: string; label: string; jenis: 'maju' | 'kembali' | 'batal'; masukan: Masukan };

/** One row of the history. */
export type Riwayat = {
  dari: string | null;
  ke: string;
  keLabel: string;
  oleh: { id: number; nama: string; peran: string };
  waktu: string;
  catatan: string | null;
};

/** A copy handed to a recipient. */
export type Salinan = {
  documentId: string;
  tahap: string;
  penerima: { nama?: string; jabatan?: string; saluran?: string } | null;
  nomorSalinan: number | null;
};

/** A document this user may print now, with the button's label. */
export type Dokumen = { jenis: string; label: string; url: string };

/** A recipient category and the channels the SOP allows it. */
export type PilihanPenerima = { nilai: string; label: string; saluran: { nilai: string; label: string }[] };

/** One role that may take the next forward step, with the names of who may take it (never e-mails). */
export type Berikutnya = { peran: string; label: string; langkah: string[]; nama: string[] };

/** `GET /sop/:model/:documentId`. */
export type SopView = {
  documentId: string;
  tahap: string;
  tahapLabel: string;
  akhir: boolean;
  tenggat: string | null;
  nomorAgenda: string | null;
  /** who acts next, by role (empty in a final state) */
  berikutnya?: Berikutnya[];
  aksi: Aksi[];
  riwayat: Riwayat[];
  distribusi: Salinan[];
  dokumen: Dokumen[];
  pilihanPenerima: PilihanPenerima[];
  bolehBacaIsi?: boolean;
  /** `GET` for the plaintext when this user may read it ("Tampilkan isi"), else null */
  isiUrl: string | null;
};

/** One workflow of `GET /sop/definitions`, the part the panel uses. */
export type Definisi = {
  model: string;
  uid: string;
  judul: string;
  /** the initial state's key */
  awal: string;
  /** the final states' keys */
  akhir: string[];
  tahap: { key: string; label: string; akhir: boolean }[];
};

/** The props every field editor takes. */
export type FieldProps<V> = { field: FieldSpec; value: V | undefined; onChange: (value: V | undefined) => void; konteks: FieldKonteks };

/** What some editors need beyond their field: the record view's fields (an app's editor reads what its SOP adds, e.g. `pilihanPenerima`). */
export type FieldKonteks = Readonly<Record<string, unknown>>;
