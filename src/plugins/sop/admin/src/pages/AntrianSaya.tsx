import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { AntrianList, useAntrian } from '../components/antrian';

/** The full page "Antrian Saya": every record waiting for this user's step, overdue first. */
const AntrianSayaPage = () => {
  const { items, jumlah, galat, muatUlang } = useAntrian();
  const subtitle =
    items === null ? 'Memuat…' : jumlah === 0 ? 'Tidak ada naskah yang menunggu langkah Anda.' : `${jumlah} naskah menunggu langkah Anda.`;
  return (
    <Page.Main>
      <Page.Title>Antrian Saya</Page.Title>
      <Layouts.Header
        title="Antrian Saya"
        subtitle={`${subtitle} Yang terlambat di atas, lalu menurut tenggat (WIB).`}
        primaryAction={
          <Button variant="secondary" onClick={muatUlang}>
            Muat ulang
          </Button>
        }
      />
      <Layouts.Content>
        {galat !== null && (
          <Box paddingBottom={4}>
            <Typography textColor="danger600">Antrian tidak dapat dimuat: {galat}</Typography>
          </Box>
        )}
        {items !== null && items.length > 0 && <AntrianList items={items} />}
        {items !== null && items.length < jumlah && (
          <Flex paddingTop={4}>
            <Typography variant="pi" textColor="neutral600">
              Ditampilkan {items.length} dari {jumlah} naskah; selesaikan yang paling mendesak lebih dahulu.
            </Typography>
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};

export default AntrianSayaPage;
