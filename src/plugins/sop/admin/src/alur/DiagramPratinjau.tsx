import { Badge, Box, Flex, Loader, Typography } from '@strapi/design-system';
import { GalatList } from './GalatList';
import type { HasilPeriksa } from './types';

const toDataUri = (svg: string): string => `data:image/svg+xml;base64,${window.btoa(unescape(encodeURIComponent(svg)))}`;

/**
 * The live check of the definition being edited: whether it is valid, its errors, and its diagram
 * as the server draws it (the last valid drawing stays while a new check runs).
 */
export const DiagramPratinjau = ({ hasil, memeriksa }: { hasil: HasilPeriksa | null; memeriksa: boolean }) => (
  <Flex direction="column" alignItems="stretch" gap={3} data-testid="alur-pratinjau">
    <Flex gap={2} justifyContent="space-between">
      <Typography variant="beta" tag="h2">
        Diagram
      </Typography>
      {memeriksa ? (
        <Loader small>Memeriksa…</Loader>
      ) : hasil === null ? null : hasil.sah ? (
        <Badge backgroundColor="success100" textColor="success700" data-testid="alur-status-periksa">
          Sah
        </Badge>
      ) : (
        <Badge backgroundColor="danger100" textColor="danger700" data-testid="alur-status-periksa">
          Belum sah
        </Badge>
      )}
    </Flex>
    {hasil && <GalatList galat={hasil.galat} />}
    {hasil?.diagram?.svg ? (
      <Box padding={2} hasRadius borderColor="neutral200" background="neutral0">
        <img src={toDataUri(hasil.diagram.svg)} alt="Diagram alur yang sedang disusun" style={{ width: '100%' }} data-testid="alur-diagram" />
      </Box>
    ) : (
      <Typography variant="pi" textColor="neutral600">
        Diagram muncul setelah definisi diperiksa.
      </Typography>
    )}
  </Flex>
);
