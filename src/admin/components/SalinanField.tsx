import * as React from 'react';
import { Box, Button, Checkbox, Field, Flex, SingleSelect, SingleSelectOption, TextInput, Textarea, Typography } from '@strapi/design-system';
import type { FieldProps, PilihanPenerima } from '../../plugins/sop/admin/src/index';

type PenerimaDraft = { nama: string; jabatan: string; kategori: string; saluran: string };
type BerkasDraft = { nama: string; tipe: string; base64: string };
/** The salinan as the Sandiman types it; empty texts are dropped before it is sent. */
export type SalinanDraft = { perihal: string; isi: string; lampiran: string; penerima: PenerimaDraft[]; berkas?: BerkasDraft };

const kapital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const penerimaBaru = (pilihan: PilihanPenerima[]): PenerimaDraft => ({
  nama: '',
  jabatan: '',
  kategori: pilihan[0]?.nilai ?? '',
  saluran: pilihan[0]?.saluran[0]?.nilai ?? '',
});

const bacaBerkas = (file: File): Promise<BerkasDraft> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ nama: file.name, tipe: file.type, base64: String(reader.result).replace(/^data:[^,]*,/, '') });
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/** One recipient row: jabatan, nama, and the category with the channels the server allows it. */
const PenerimaRow = ({
  prefix,
  row,
  pilihan,
  required,
  onChange,
  onRemove,
}: {
  prefix: string;
  row: PenerimaDraft;
  pilihan: PilihanPenerima[];
  required: boolean;
  onChange: (patch: Partial<PenerimaDraft>) => void;
  onRemove?: () => void;
}) => {
  const saluran = pilihan.find((kategori) => kategori.nilai === row.kategori)?.saluran ?? [];
  return (
    <Flex gap={2} wrap="wrap" alignItems="flex-end">
      <Field.Root name={`${prefix}.jabatan`} required={required}>
        <Field.Label>Jabatan</Field.Label>
        <TextInput value={row.jabatan} onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange({ jabatan: event.target.value })} />
      </Field.Root>
      <Field.Root name={`${prefix}.nama`}>
        <Field.Label>Nama</Field.Label>
        <TextInput value={row.nama} onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange({ nama: event.target.value })} />
      </Field.Root>
      <Field.Root name={`${prefix}.kategori`}>
        <Field.Label>Kategori</Field.Label>
        <SingleSelect
          value={row.kategori}
          onChange={(next: string | number) => {
            const allowed = pilihan.find((kategori) => kategori.nilai === String(next))?.saluran ?? [];
            onChange({ kategori: String(next), saluran: allowed.some((one) => one.nilai === row.saluran) ? row.saluran : (allowed[0]?.nilai ?? '') });
          }}
        >
          {pilihan.map((kategori) => (
            <SingleSelectOption key={kategori.nilai} value={kategori.nilai}>
              {kategori.label}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      <Field.Root name={`${prefix}.saluran`}>
        <Field.Label>Saluran</Field.Label>
        <SingleSelect value={row.saluran} onChange={(next: string | number) => onChange({ saluran: String(next) })}>
          {saluran.map((one) => (
            <SingleSelectOption key={one.nilai} value={one.nilai}>
              {kapital(one.label)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </Field.Root>
      {onRemove && (
        <Button variant="tertiary" onClick={onRemove}>
          Hapus penerima
        </Button>
      )}
    </Flex>
  );
};

/**
 * The salinan (`salinan`): perihal, the decrypted text or its file, lampiran and the
 * recipients. When the step does not require it (the paraf, which may correct it), the
 * editor stays closed and nothing is sent until "Ubah salinan" is ticked.
 */
export const SalinanField = ({ field, value, onChange, konteks }: FieldProps<SalinanDraft>) => {
  const pilihan = (konteks.pilihanPenerima as PilihanPenerima[] | undefined) ?? [];
  const kosong = (): SalinanDraft => ({ perihal: '', isi: '', lampiran: '', penerima: [penerimaBaru(pilihan)] });
  const [terbuka, setTerbuka] = React.useState(field.wajib);
  const draft = value ?? kosong();
  const set = (patch: Partial<SalinanDraft>) => onChange({ ...draft, ...patch });
  const setPenerima = (index: number, patch: Partial<PenerimaDraft>) =>
    set({ penerima: draft.penerima.map((row, i) => (i === index ? { ...row, ...patch } : row)) });

  if (!terbuka) {
    return (
      <Checkbox name={`${field.name}.ubah`} checked={false} onCheckedChange={(checked: boolean | 'indeterminate') => setTerbuka(checked === true)}>
        {`Ubah ${field.label.toLowerCase()} (tidak wajib)`}
      </Checkbox>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={3} role="group" aria-label={field.label}>
      {!field.wajib && (
        <Checkbox
          name={`${field.name}.ubah`}
          checked
          onCheckedChange={(checked: boolean | 'indeterminate') => {
            if (checked === true) return;
            setTerbuka(false);
            onChange(undefined);
          }}
        >
          {`Ubah ${field.label.toLowerCase()} (tidak wajib)`}
        </Checkbox>
      )}
      <Field.Root name={`${field.name}.perihal`} required>
        <Field.Label>Perihal salinan</Field.Label>
        <TextInput value={draft.perihal} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set({ perihal: event.target.value })} />
      </Field.Root>
      <Field.Root
        name={`${field.name}.isi`}
        required={!draft.berkas}
        hint={field.bantuan ?? 'Disimpan terenkripsi; hanya Sandiman yang ditugaskan dan Kasi yang dapat membacanya.'}
      >
        <Field.Label>Isi salinan (hasil deskripsi)</Field.Label>
        <Textarea value={draft.isi} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => set({ isi: event.target.value })} />
        <Field.Hint />
      </Field.Root>
      <Box>
        <Typography variant="pi" tag="label" htmlFor={`${field.name}-berkas`}>
          Atau unggah berkas hasil deskripsi (teks, PDF, atau DOCX, maks. 5 MB)
        </Typography>
        <input
          id={`${field.name}-berkas`}
          name={`${field.name}.berkas`}
          type="file"
          accept=".txt,.pdf,.docx,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          onChange={async (event: React.ChangeEvent<HTMLInputElement>) => {
            const file = event.target.files?.[0];
            set({ berkas: file ? await bacaBerkas(file) : undefined });
          }}
        />
      </Box>
      <Field.Root name={`${field.name}.lampiran`}>
        <Field.Label>Lampiran</Field.Label>
        <TextInput value={draft.lampiran} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set({ lampiran: event.target.value })} />
      </Field.Root>
      <Typography variant="sigma">Penerima</Typography>
      {draft.penerima.map((row, index) => (
        <PenerimaRow
          key={index}
          prefix={`${field.name}.penerima.${index}`}
          row={row}
          pilihan={pilihan}
          required
          onChange={(patch) => setPenerima(index, patch)}
          onRemove={draft.penerima.length > 1 ? () => set({ penerima: draft.penerima.filter((_, i) => i !== index) }) : undefined}
        />
      ))}
      <Button variant="secondary" onClick={() => set({ penerima: [...draft.penerima, penerimaBaru(pilihan)] })}>
        Tambah penerima
      </Button>
    </Flex>
  );
};
