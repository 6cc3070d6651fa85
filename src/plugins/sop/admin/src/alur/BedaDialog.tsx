import * as React from 'react';
import { Button, Flex, Modal, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { errorMessage } from '../components/api';
import { BedaTabel } from './BedaTabel';
import { Pilih } from './Pilih';
import type { Beda, VersiRingkas } from './types';

/**
 * "Bandingkan": the differences between two versions of a workflow
 * (`GET /sop/alur/:model/beda?dari=&ke=`), version `ke` against the one before it by default.
 */
export const BedaDialog = ({ model, versi, ke }: { model: string; versi: VersiRingkas[]; ke: number }) => {
  const { get } = useFetchClient();
  const [open, setOpen] = React.useState(false);
  const lain = versi.filter((one) => one.nomor !== ke).map((one) => one.nomor);
  const [dari, setDari] = React.useState<number | undefined>(() => lain.filter((nomor) => nomor < ke).pop() ?? lain[0]);
  const [beda, setBeda] = React.useState<Beda[] | null>(null);
  const [galat, setGalat] = React.useState<string | null>(null);
  React.useEffect(() => {
    if (!open || dari === undefined) return undefined;
    let active = true;
    setBeda(null);
    get<{ data: Beda[] }>(`/sop/alur/${encodeURIComponent(model)}/beda?dari=${dari}&ke=${ke}`).then(
      (response) => active && (setBeda(response.data.data), setGalat(null)),
      (error: unknown) => active && setGalat(errorMessage(error))
    );
    return () => {
      active = false;
    };
  }, [get, model, open, dari, ke]);
  return (
    <Modal.Root open={open} onOpenChange={setOpen}>
      <Modal.Trigger>
        <Button variant="tertiary" size="S" disabled={lain.length === 0}>
          Bandingkan
        </Button>
      </Modal.Trigger>
      <Modal.Content style={{ maxWidth: '1100px', width: '90vw' }}>
        <Modal.Header>
          <Modal.Title>{dari === undefined ? `Perbedaan versi ${ke}` : `Perbedaan versi ${dari} → versi ${ke}`}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Pilih
              name="dari"
              label="Dibandingkan dengan versi"
              pilihan={lain.map((nomor) => ({ value: String(nomor), label: `Versi ${nomor}` }))}
              value={dari === undefined ? undefined : String(dari)}
              onChange={(next) => setDari(next === undefined ? undefined : Number(next))}
            />
            {galat !== null && <Typography textColor="danger600">{galat}</Typography>}
            {beda !== null && <BedaTabel beda={beda} />}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">Tutup</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
