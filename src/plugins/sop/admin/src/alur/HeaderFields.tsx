import { Grid, Typography } from '@strapi/design-system';
import { withKey } from './definisi';
import { Pilih } from './Pilih';
import { Teks } from './Teks';
import type { WorkflowData } from './types';

/** The workflow's title, the SOP it carries out, and its initial state (where a new record starts). */
export const HeaderFields = ({ value, onChange }: { value: WorkflowData; onChange: (value: WorkflowData) => void }) => (
  <Grid.Root gap={4}>
    <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
      <Teks name="title" label="Judul alur" value={value.title} onChange={(title) => onChange({ ...value, title: title ?? '' })} />
    </Grid.Item>
    <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
      <Teks name="sop" label="Nama SOP (standar pelayanan)" value={value.sop} opsional onChange={(sop) => onChange(withKey(value, 'sop', sop))} />
    </Grid.Item>
    <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
      <Pilih
        name="initial"
        label="Tahap awal"
        pilihan={value.states.map((state) => ({ value: state.key, label: `${state.label} (${state.key})` }))}
        value={value.initial || undefined}
        onChange={(initial) => onChange({ ...value, initial: initial ?? '' })}
      />
    </Grid.Item>
    <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
      <Typography variant="sigma">Jenis konten</Typography>
      <Typography>{value.uid}</Typography>
    </Grid.Item>
  </Grid.Root>
);
