import bootstrap from './bootstrap';
import config from './config';
import register from './register';
import services from './services';

/** The SOP engine as a Strapi plugin: `strapi.plugin('sop').service(…)`. */
export default {
  register,
  bootstrap,
  config,
  services,
};
