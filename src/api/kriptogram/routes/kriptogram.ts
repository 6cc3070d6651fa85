import { restRouter } from '../../rest-router';

export default restRouter('api::kriptogram.kriptogram');
