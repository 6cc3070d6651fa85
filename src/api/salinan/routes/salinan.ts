import { restRouter } from '../../rest-router';

export default restRouter('api::salinan.salinan');
