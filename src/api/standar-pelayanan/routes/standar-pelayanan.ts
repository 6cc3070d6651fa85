import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::standar-pelayanan.standar-pelayanan');
