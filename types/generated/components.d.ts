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

export interface NaskahParaf extends Struct.ComponentSchema {
  collectionName: 'components_naskah_paraf';
  info: {
    description: 'Paraf pejabat: siapa dan kapan (dicatat oleh sistem)';
    displayName: 'Paraf';
  };
  attributes: {
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
    alamat: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    jabatan: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    kategori: Schema.Attribute.Enumeration<
      ['walikota', 'sekda', 'asisten', 'kepala_opd', 'lainnya']
    > &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'kepala_opd'>;
    nama: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 150;
      }>;
    saluran: Schema.Attribute.Enumeration<
      ['ajudan', 'caraka', 'faksimili', 'surat_online']
    > &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'caraka'>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'instansi.pejabat': InstansiPejabat;
      'naskah.paraf': NaskahParaf;
      'naskah.penerima': NaskahPenerima;
    }
  }
}
