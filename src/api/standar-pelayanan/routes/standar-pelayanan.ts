import { restRouter } from '../../rest-router';

export default restRouter('api::standar-pelayanan.standar-pelayanan');
