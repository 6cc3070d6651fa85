import { restRouter } from '../../rest-router';

export default restRouter('api::kartu-kendali.kartu-kendali');
