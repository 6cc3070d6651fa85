import { restRouter } from '../../rest-router';

export default restRouter('api::hari-libur.hari-libur');
