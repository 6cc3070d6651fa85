import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { IZIN_KELOLA_ALUR } from '../alur/izin';
import AlurDaftarPage from './AlurDaftar';
import AlurEditorPage from './AlurEditor';

/** Settings › "Alur SOP": the list and, under `:model`, the editor; only for holders of `plugin::sop.alur.kelola`. */
const AlurSopPage = () => (
  <Page.Protect permissions={IZIN_KELOLA_ALUR}>
    <Routes>
      <Route index element={<AlurDaftarPage />} />
      <Route path=":model" element={<AlurEditorPage />} />
    </Routes>
  </Page.Protect>
);

export default AlurSopPage;
