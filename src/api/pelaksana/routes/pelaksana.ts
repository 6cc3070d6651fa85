import { restRouter } from '../../rest-router';

export default restRouter('api::pelaksana.pelaksana');
