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

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'instansi.pejabat': InstansiPejabat;
    }
  }
}
