import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::kartu-kendali.kartu-kendali');
