import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::kartu-kendali.kartu-kendali');
