import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::hari-libur.hari-libur');
