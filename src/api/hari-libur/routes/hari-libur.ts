import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::hari-libur.hari-libur');
