import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::standar-pelayanan.standar-pelayanan');
