import { Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useDaftarAlur, useKosakata } from '../alur/api';
import { AlurBaruDialog } from '../alur/AlurBaruDialog';
import { AlurTabel } from '../alur/AlurTabel';

/** "Alur SOP": every workflow with its content type and versions, and "Buat alur baru". */
const AlurDaftarPage = () => {
  const daftar = useDaftarAlur();
  const kosakata = useKosakata();
  if (daftar.galat !== null) return <Page.Error content={`Alur SOP tidak dapat dimuat: ${daftar.galat}`} />;
  if (daftar.data === null) return <Page.Loading />;
  return (
    <Page.Main>
      <Page.Title>Alur SOP</Page.Title>
      <Layouts.Header
        title="Alur SOP"
        subtitle="Alur kerja setiap layanan: tahap, langkah, peran, dan syaratnya. Ubah sebagai draf, periksa diagramnya, lalu aktifkan."
        primaryAction={<AlurBaruDialog terikat={daftar.data.map((one) => one.uid)} kosakata={kosakata.data} />}
      />
      <Layouts.Content>{daftar.data.length === 0 ? <Typography>Belum ada alur.</Typography> : <AlurTabel alur={daftar.data} />}</Layouts.Content>
    </Page.Main>
  );
};

export default AlurDaftarPage;
