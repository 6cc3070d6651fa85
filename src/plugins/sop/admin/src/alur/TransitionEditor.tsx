import { Box, Flex, Grid, IconButton, Typography } from '@strapi/design-system';
import { ArrowDown, ArrowUp, Trash } from '@strapi/icons';
import { withKey } from './definisi';
import { FieldSpecsEditor } from './FieldSpecsEditor';
import { MultiPilih } from './MultiPilih';
import { Pilih } from './Pilih';
import { RefListEditor } from './RefListEditor';
import { Teks } from './Teks';
import type { JenisTransisi, Kosakata, TransitionData, WorkflowData } from './types';

const JENIS: { value: JenisTransisi; label: string }[] = [
  { value: 'maju', label: 'Maju' },
  { value: 'kembali', label: 'Kembali' },
  { value: 'batal', label: 'Batal' },
];

const CATATAN = [
  { value: 'wajib', label: 'Wajib' },
  { value: 'opsional', label: 'Opsional' },
];

/**
 * One step of the workflow: from which states (several), to which, its button label, the SOP
 * step number it carries out, the roles allowed, whether a note is asked, its kind, the input
 * fields, and the guards, actor rules and effects picked from the vocabulary.
 */
export const TransitionEditor = ({
  index,
  value,
  definisi,
  kosakata,
  onChange,
  onRemove,
  onMove,
}: {
  index: number;
  value: TransitionData;
  definisi: WorkflowData;
  kosakata: Kosakata;
  onChange: (value: TransitionData) => void;
  onRemove: () => void;
  onMove: (delta: number) => void;
}) => {
  const name = `transitions.${index}`;
  const tahap = definisi.states.map((state) => ({ value: state.key, label: `${state.label} (${state.key})` }));
  const peran = kosakata.roles.map((role) => ({ value: role.key, label: role.singkat ?? role.nama }));
  return (
    <Box padding={4} hasRadius borderColor="neutral200" background="neutral0" data-testid="alur-langkah">
      <Flex justifyContent="space-between" paddingBottom={3}>
        <Typography variant="delta">
          Langkah {index + 1}: {value.label || '(tanpa label)'}
        </Typography>
        <Flex gap={1}>
          <IconButton label="Naikkan" variant="ghost" onClick={() => onMove(-1)}>
            <ArrowUp />
          </IconButton>
          <IconButton label="Turunkan" variant="ghost" onClick={() => onMove(1)}>
            <ArrowDown />
          </IconButton>
          <IconButton label={`Hapus langkah ${index + 1}`} variant="ghost" onClick={onRemove}>
            <Trash />
          </IconButton>
        </Flex>
      </Flex>
      <Grid.Root gap={3}>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <Teks name={`${name}.label`} label="Label tombol" value={value.label} onChange={(label) => onChange({ ...value, label: label ?? '' })} />
        </Grid.Item>
        <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
          <Teks
            name={`${name}.langkah`}
            label="Nomor langkah SOP"
            value={value.langkah}
            opsional
            onChange={(langkah) => onChange(withKey(value, 'langkah', langkah))}
          />
        </Grid.Item>
        <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
          <Pilih
            name={`${name}.kind`}
            label="Jenis"
            pilihan={JENIS}
            value={value.kind ?? 'maju'}
            onChange={(kind) => onChange(withKey(value, 'kind', kind === 'maju' ? undefined : (kind as JenisTransisi | undefined)))}
          />
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <MultiPilih name={`${name}.from`} label="Dari tahap" pilihan={tahap} value={value.from} onChange={(from) => onChange({ ...value, from })} />
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <Pilih
            name={`${name}.to`}
            label="Ke tahap"
            pilihan={tahap}
            value={value.to || undefined}
            onChange={(to) => onChange({ ...value, to: to ?? '' })}
          />
        </Grid.Item>
        <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
          <MultiPilih
            name={`${name}.roles`}
            label="Peran yang boleh"
            pilihan={peran}
            value={value.roles}
            onChange={(roles) => onChange({ ...value, roles })}
          />
        </Grid.Item>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <Pilih
            name={`${name}.catatan`}
            label="Catatan"
            pilihan={CATATAN}
            kosong="Tidak diminta"
            value={value.catatan}
            onChange={(catatan) => onChange(withKey(value, 'catatan', catatan as TransitionData['catatan']))}
          />
        </Grid.Item>
      </Grid.Root>
      <Flex direction="column" alignItems="stretch" gap={4} paddingTop={4}>
        <FieldSpecsEditor
          name={`${name}.input`}
          value={value.input}
          kosakata={kosakata}
          onChange={(input) => onChange(withKey(value, 'input', input))}
        />
        <RefListEditor
          name={`${name}.actorRules`}
          judul="Aturan pelaku"
          kosakata={kosakata.guards}
          value={value.actorRules}
          onChange={(refs) => onChange(withKey(value, 'actorRules', refs))}
        />
        <RefListEditor
          name={`${name}.guards`}
          judul="Syarat"
          kosakata={kosakata.guards}
          value={value.guards}
          onChange={(refs) => onChange(withKey(value, 'guards', refs))}
        />
        <RefListEditor
          name={`${name}.effects`}
          judul="Efek"
          kosakata={kosakata.effects}
          value={value.effects}
          onChange={(refs) => onChange(withKey(value, 'effects', refs))}
        />
      </Flex>
    </Box>
  );
};
