import * as React from 'react';
import { Button, Field, Flex, Modal, Textarea } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { errorMessage } from './api';
import { fieldsOf, isFilled } from './fields';
import { FieldEditor } from './fields/FieldEditor';
import type { Aksi, FieldKonteks } from './types';

/** Drops empty texts, at any depth: an optional field left empty is not sent. */
const bersihkan = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(bersihkan);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => isFilled(inner))
        .map(([key, inner]) => [key, bersihkan(inner)])
    );
  }
  return typeof value === 'string' ? value.trim() : value;
};

const VARIANT = { maju: 'default', kembali: 'tertiary', batal: 'danger-light' } as const;

/**
 * One step this user may take: a button, and when the step takes a note or data, the dialog
 * that asks for them (the fields the server describes) and submits
 * `POST /sop/:model/:documentId/transisi`.
 */
export const AksiDialog = ({
  model,
  documentId,
  aksi,
  konteks,
  onDone,
}: {
  model: string;
  documentId: string;
  aksi: Aksi;
  konteks: FieldKonteks;
  onDone: () => void;
}) => {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [open, setOpen] = React.useState(false);
  const [catatan, setCatatan] = React.useState('');
  const [values, setValues] = React.useState<Record<string, unknown>>({});
  const [busy, setBusy] = React.useState(false);
  const fields = fieldsOf(aksi.masukan);
  const needsDialog = aksi.masukan.catatan !== null || fields.length > 0;

  const submit = async () => {
    setBusy(true);
    try {
      await post(`/sop/${model}/${documentId}/transisi`, {
        ke: aksi.ke,
        ...(catatan.trim() ? { catatan: catatan.trim() } : {}),
        ...(fields.length ? { data: bersihkan(values) } : {}),
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

  const variant = VARIANT[aksi.jenis] ?? 'default';
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
            {fields.map((field) => (
              <FieldEditor
                key={field.name}
                field={field}
                konteks={konteks}
                value={values[field.name]}
                onChange={(value) =>
                  setValues((prev) => {
                    const next = { ...prev };
                    if (value === undefined) delete next[field.name];
                    else next[field.name] = value;
                    return next;
                  })
                }
              />
            ))}
            {aksi.masukan.catatan !== null && (
              <Field.Root
                name="catatan"
                required={aksi.masukan.catatan === 'wajib'}
                hint={aksi.masukan.catatan === 'wajib' ? 'Wajib diisi: alasan langkah ini.' : undefined}
              >
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
