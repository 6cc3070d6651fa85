import { Box, Checkbox, Field, Grid, IconButton, NumberInput, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { withKey } from './definisi';
import { JsonField } from './JsonField';
import { Teks } from './Teks';
import type { FieldSpecData, Kosakata } from './types';

/**
 * One input field a step asks for: its name in `data`, label, type (from the vocabulary), whether
 * it is required, and per type the role whose users may be picked (`pengguna`), the ticks
 * (`checklist`, as JSON) or the most characters (text types).
 */
export const FieldSpecEditor = ({
  name,
  value,
  kosakata,
  onChange,
  onRemove,
}: {
  name: string;
  value: FieldSpecData;
  kosakata: Kosakata;
  onChange: (value: FieldSpecData) => void;
  onRemove: () => void;
}) => (
  <Box padding={3} hasRadius background="neutral100">
    <Grid.Root gap={3}>
      <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
        <Teks name={`${name}.name`} label="Nama isian" value={value.name} onChange={(next) => onChange({ ...value, name: next ?? '' })} />
      </Grid.Item>
      <Grid.Item col={4} s={6} direction="column" alignItems="stretch">
        <Teks name={`${name}.label`} label="Label" value={value.label} onChange={(next) => onChange({ ...value, label: next ?? '' })} />
      </Grid.Item>
      <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
        <Field.Root name={`${name}.type`}>
          <Field.Label>Jenis</Field.Label>
          <SingleSelect value={value.type} onChange={(type) => onChange({ ...value, type: String(type) })}>
            {kosakata.fieldTypes.map((entri) => (
              <SingleSelectOption key={entri.type} value={entri.type}>
                {entri.type}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={2} s={6} alignItems="center" justifyContent="space-between">
        <Checkbox checked={value.wajib} onCheckedChange={(checked) => onChange({ ...value, wajib: checked === true })}>
          Wajib
        </Checkbox>
        <IconButton label={`Hapus isian ${value.name}`} variant="ghost" onClick={onRemove}>
          <Trash />
        </IconButton>
      </Grid.Item>
      {value.type === 'pengguna' && (
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <Field.Root name={`${name}.peran`}>
            <Field.Label>Dipilih dari peran</Field.Label>
            <SingleSelect value={value.peran} onChange={(peran) => onChange({ ...value, peran: String(peran) })} placeholder="Pilih peran…">
              {kosakata.roles.map((role) => (
                <SingleSelectOption key={role.key} value={role.key}>
                  {role.nama}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Grid.Item>
      )}
      {value.type === 'checklist' && (
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <JsonField
            name={`${name}.items`}
            label="Centang"
            hint='Daftar JSON, mis. [{"name": "cap", "label": "Dicap", "wajib": true}]'
            value={value.items}
            onChange={(items) => onChange(withKey(value, 'items', items as FieldSpecData['items']))}
          />
        </Grid.Item>
      )}
      {(value.type === 'teks' || value.type === 'teksPanjang') && (
        <Grid.Item col={3} s={6} direction="column" alignItems="stretch">
          <Field.Root name={`${name}.maks`}>
            <Field.Label>Paling banyak (karakter)</Field.Label>
            <NumberInput value={value.maks} onValueChange={(maks) => onChange(withKey(value, 'maks', maks))} />
          </Field.Root>
        </Grid.Item>
      )}
      <Grid.Item col={value.type === 'pengguna' ? 8 : 9} s={12} direction="column" alignItems="stretch">
        <Teks
          name={`${name}.bantuan`}
          label="Bantuan (satu baris)"
          value={value.bantuan}
          opsional
          onChange={(bantuan) => onChange(withKey(value, 'bantuan', bantuan))}
        />
      </Grid.Item>
    </Grid.Root>
  </Box>
);
