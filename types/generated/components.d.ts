import type { Schema, Struct } from '@strapi/strapi';

export interface InstansiPejabat extends Struct.ComponentSchema {
  collectionName: 'components_instansi_pejabat';
  info: {
    description: 'Pejabat penanda tangan: nama, NIP, jabatan';
    displayName: 'Pejabat';
  };
  attributes: {
    jabatan: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    nama: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 150;
      }>;
    nip: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 30;
      }>;
    pangkat: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 100;
      }>;
  };
}

export interface LayananButir extends Struct.ComponentSchema {
  collectionName: 'components_layanan_butir';
  info: {
    description: 'Satu butir daftar (dasar hukum, persyaratan, sarana, kompetensi, ...); nomor boleh kosong bila daftar tidak bernomor';
    displayName: 'Butir';
  };
  attributes: {
    nomor: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          max: 999;
          min: 1;
        },
        number
      >;
    uraian: Schema.Attribute.Text &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2000;
      }>;
  };
}

export interface LayananJamLayanan extends Struct.ComponentSchema {
  collectionName: 'components_layanan_jam_layanan';
  info: {
    description: 'Jam layanan satu hari (WIB), format JJ.MM, misalnya 08.00; hari yang tidak dicantumkan berarti tutup';
    displayName: 'Jam Layanan';
  };
  attributes: {
    buka: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 5;
      }>;
    hari: Schema.Attribute.Enumeration<['senin', 'selasa', 'rabu', 'kamis', 'jumat', 'sabtu', 'minggu']> & Schema.Attribute.Required;
    istirahatMulai: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 5;
      }>;
    istirahatSelesai: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 5;
      }>;
    tutup: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 5;
      }>;
  };
}

export interface LayananLangkah extends Struct.ComponentSchema {
  collectionName: 'components_layanan_langkah';
  info: {
    description: 'Satu langkah prosedur yang berurutan: nomor dan uraian';
    displayName: 'Langkah';
  };
  attributes: {
    nomor: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          max: 999;
          min: 1;
        },
        number
      >;
    uraian: Schema.Attribute.Text &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2000;
      }>;
  };
}

export interface LayananPenangananPengaduan extends Struct.ComponentSchema {
  collectionName: 'components_layanan_penanganan_pengaduan';
  info: {
    description: 'Saluran pengaduan tak langsung (telepon, e-mail, situs web, pejabat pengaduan) dan langkah pengaduan langsung';
    displayName: 'Penanganan Pengaduan';
  };
  attributes: {
    email: Schema.Attribute.Email &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    pejabatHp: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 40;
      }>;
    pejabatNama: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 150;
      }>;
    pengaduanLangsung: Schema.Attribute.Component<'layanan.langkah', true>;
    telepon: Schema.Attribute.Component<'layanan.telepon', true>;
    website: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

export interface LayananTelepon extends Struct.ComponentSchema {
  collectionName: 'components_layanan_telepon';
  info: {
    description: 'Nomor telepon pengaduan, misalnya (0285) 421243';
    displayName: 'Telepon';
  };
  attributes: {
    keterangan: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 100;
      }>;
    nomor: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 40;
      }>;
  };
}

export interface NaskahParaf extends Struct.ComponentSchema {
  collectionName: 'components_naskah_paraf';
  info: {
    description: 'Paraf pejabat: siapa, sebagai apa, atas nama siapa (Plh/Plt) dan kapan (dicatat oleh sistem)';
    displayName: 'Paraf';
  };
  attributes: {
    atasNama: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    nama: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    peran: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    userId: Schema.Attribute.Integer;
    waktu: Schema.Attribute.DateTime;
  };
}

export interface NaskahPenerima extends Struct.ComponentSchema {
  collectionName: 'components_naskah_penerima';
  info: {
    description: 'Tujuan surat: Walikota, Sekda, dan Asisten melalui ajudan; Kepala OPD melalui caraka, faksimili, atau surat online';
    displayName: 'Penerima';
  };
  attributes: {
    alamat: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    jabatan: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    kategori: Schema.Attribute.Enumeration<['walikota', 'sekda', 'asisten', 'kepala_opd', 'lainnya']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'kepala_opd'>;
    nama: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 150;
      }>;
    saluran: Schema.Attribute.Enumeration<['ajudan', 'caraka', 'faksimili', 'surat_online']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'caraka'>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'instansi.pejabat': InstansiPejabat;
      'layanan.butir': LayananButir;
      'layanan.jam-layanan': LayananJamLayanan;
      'layanan.langkah': LayananLangkah;
      'layanan.penanganan-pengaduan': LayananPenangananPengaduan;
      'layanan.telepon': LayananTelepon;
      'naskah.paraf': NaskahParaf;
      'naskah.penerima': NaskahPenerima;
    }
  }
}
