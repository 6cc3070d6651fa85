import { restRouter } from '../../rest-router';

export default restRouter('api::berita.berita');
