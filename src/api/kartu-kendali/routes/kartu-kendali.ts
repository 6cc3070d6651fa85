import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::kartu-kendali.kartu-kendali');
