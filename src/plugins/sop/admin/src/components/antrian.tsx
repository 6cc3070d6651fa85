import * as React from 'react';
import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from './api';
import { formatWaktu } from './wib';
import { useDefinitions } from './useDefinitions';

/** One item of `GET /sop/antrian`: a record waiting for this user's step. */
export type AntrianItem = {
  model: string;
  documentId: string;
  judul: string;
  tahap: string;
  tahapLabel?: string;
  tenggat: string | null;
  terlambat: boolean;
  aksi: { ke: string; label: string }[];
};

type AntrianAnswer = { data: AntrianItem[]; meta?: { jumlah?: number; terpotong?: boolean } };

/** What the queue hook holds: the items, how many wait in all, the error of the last fetch. */
export type AntrianState = { items: AntrianItem[] | null; jumlah: number; galat: string | null; muatUlang: () => void };

/** How often an open page asks the server for the queue again. */
const REFRESH_MS = 60_000;

/**
 * "Antrian saya" from `GET /sop/antrian`, fetched on mount, every minute and whenever the tab is
 * shown again (a colleague's step may have added work). `items` is null while the first fetch runs.
 */
export const useAntrian = (): AntrianState => {
  const { get } = useFetchClient();
  const [state, setState] = React.useState<Omit<AntrianState, 'muatUlang'>>({ items: null, jumlah: 0, galat: null });
  const load = React.useCallback(() => {
    get<AntrianAnswer>('/sop/antrian').then(
      (response) => setState({ items: response.data.data, jumlah: response.data.meta?.jumlah ?? response.data.data.length, galat: null }),
      (error: unknown) => setState((previous) => ({ ...previous, items: previous.items ?? [], galat: errorMessage(error) }))
    );
  }, [get]);
  React.useEffect(() => {
    load();
    const timer = window.setInterval(load, REFRESH_MS);
    const onVisible = () => document.visibilityState === 'visible' && load();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);
  return { ...state, muatUlang: load };
};

/** The content manager's edit view of a record (where the "Langkah SOP" side panel is). */
export const editViewPath = (uid: string, documentId: string): string => `/content-manager/collection-types/${uid}/${documentId}`;

/**
 * The queue as a list: per record its name, the step it waits in, the due time in WIB (marked
 * when overdue), the steps this user may take, and "Buka", which opens the record in the content
 * manager with its side panel. `batas` shows only the first items (the homepage widget).
 */
export const AntrianList = ({ items, batas }: { items: AntrianItem[]; batas?: number }) => {
  const definitions = useDefinitions();
  const navigate = useNavigate();
  const shown = batas === undefined ? items : items.slice(0, batas);
  return (
    <Flex direction="column" alignItems="stretch" gap={2} tag="ul" data-testid="antrian-list">
      {shown.map((item) => {
        const definition = definitions?.find((one) => one.model === item.model);
        return (
          <Box
            key={`${item.model}:${item.documentId}`}
            tag="li"
            padding={3}
            hasRadius
            borderColor={item.terlambat ? 'danger200' : 'neutral200'}
            background={item.terlambat ? 'danger100' : 'neutral0'}
            data-testid="antrian-item"
          >
            <Flex justifyContent="space-between" alignItems="center" gap={3}>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography fontWeight="bold">{item.judul}</Typography>
                <Flex gap={2} wrap="wrap">
                  <Typography variant="pi" textColor="neutral600">
                    {definition?.judul ?? item.model}
                  </Typography>
                  <Badge>{item.tahapLabel ?? item.tahap}</Badge>
                  {item.terlambat && (
                    <Badge backgroundColor="danger600" textColor="neutral0">
                      Terlambat
                    </Badge>
                  )}
                </Flex>
                <Typography variant="pi" textColor={item.terlambat ? 'danger600' : 'neutral700'}>
                  {item.tenggat ? `Tenggat: ${formatWaktu(item.tenggat)}` : 'Tanpa tenggat'}
                  {item.aksi.length > 0 ? ` · Langkah: ${item.aksi.map((aksi) => aksi.label).join(', ')}` : ''}
                </Typography>
              </Flex>
              <Button
                variant="secondary"
                size="S"
                disabled={!definition}
                onClick={() => definition && navigate(editViewPath(definition.uid, item.documentId))}
                aria-label={`Buka ${item.judul}`}
              >
                Buka
              </Button>
            </Flex>
          </Box>
        );
      })}
    </Flex>
  );
};
