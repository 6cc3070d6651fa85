'use strict';

// The plugin's server is TypeScript, compiled with the app (tsconfig.json) into dist/;
// Strapi loads this file from the plugin folder, so it points at the compiled entry.
const path = require('path');

module.exports = require(path.join(__dirname, '..', '..', '..', 'dist', 'src', 'plugins', 'sop', 'server', 'src', 'index.js')).default;
