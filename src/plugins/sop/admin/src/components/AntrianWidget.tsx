import { Box, Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/strapi/admin';
import { AntrianList, useAntrian } from './antrian';

/** Items the homepage widget shows; the full page "Antrian Saya" shows them all. */
const WIDGET_MAX = 6;

/** The homepage widget "Antrian saya": what waits for this user now, overdue first. */
export const AntrianWidget = () => {
  const { items, jumlah, galat } = useAntrian();
  if (items === null) return <Widget.Loading>Memuat antrian…</Widget.Loading>;
  if (galat !== null && items.length === 0) return <Widget.Error>{`Antrian tidak dapat dimuat: ${galat}`}</Widget.Error>;
  if (items.length === 0) return <Widget.NoData>Tidak ada naskah yang menunggu langkah Anda.</Widget.NoData>;
  return (
    <Box data-testid="antrian-widget">
      <Flex paddingBottom={2}>
        <Typography variant="pi" textColor="neutral600">
          {jumlah} naskah menunggu langkah Anda{jumlah > WIDGET_MAX ? ` — ${WIDGET_MAX} paling mendesak` : ''}.
        </Typography>
      </Flex>
      <AntrianList items={items} batas={WIDGET_MAX} />
    </Box>
  );
};

export default AntrianWidget;
