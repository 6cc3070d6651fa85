import * as React from 'react';
import { Field, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { errorMessage } from '../api';
import type { FieldProps } from '../types';

type Pengguna = { id: number; nama: string };
type Daftar = { status: 'memuat' } | { status: 'ada'; users: Pengguna[] } | { status: 'bukanPeran' } | { status: 'gagal'; pesan: string };

/**
 * A staff member (`pengguna`): the active users of the field's role, from
 * `GET /sop/pengguna?peran=`. When the server knows no such role (400) the id is typed.
 */
export const PenggunaField = ({ field, value, onChange }: FieldProps<string>) => {
  const { get } = useFetchClient();
  const [daftar, setDaftar] = React.useState<Daftar>({ status: 'memuat' });
  const peran = field.peran ?? '';
  React.useEffect(() => {
    let active = true;
    get<{ data: Pengguna[] }>(`/sop/pengguna?peran=${encodeURIComponent(peran)}`).then(
      (response) => active && setDaftar({ status: 'ada', users: response.data.data }),
      (error: unknown) => {
        if (!active) return;
        const status = (error as { response?: { status?: number } })?.response?.status;
        setDaftar(status === 400 ? { status: 'bukanPeran' } : { status: 'gagal', pesan: errorMessage(error) });
      }
    );
    return () => {
      active = false;
    };
  }, [get, peran]);

  return (
    <Field.Root name={field.name} required={field.wajib} hint={field.bantuan}>
      <Field.Label>{field.label}</Field.Label>
      {daftar.status === 'bukanPeran' ? (
        <TextInput
          inputMode="numeric"
          value={value ?? ''}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value.replace(/\D/g, ''))}
        />
      ) : (
        <SingleSelect value={value ?? ''} onChange={(next: string | number) => onChange(String(next))} placeholder="Pilih pegawai">
          {(daftar.status === 'ada' ? daftar.users : []).map((user) => (
            <SingleSelectOption key={user.id} value={String(user.id)}>
              {user.nama}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      )}
      {daftar.status === 'gagal' && (
        <Typography variant="pi" textColor="danger600">
          {daftar.pesan}
        </Typography>
      )}
      <Field.Hint />
    </Field.Root>
  );
};
