'use strict';

const fs = require('fs');
const path = require('path');
const { pipeline } = require('stream/promises');

/** The URL prefix of stored files; the app's route `GET /berkas/:nama` serves them after its access check. */
const URL_PREFIX = '/berkas/';

/**
 * Private storage for the media library: every file lands in `providerOptions.root`
 * (relative to the project), never in `public/`, so `strapi::public` cannot serve it.
 * `isPrivate()` is true, which makes Strapi pass every file URL it returns through
 * `getSignedUrl()`; the app replaces that method (provider.extend) with one that signs
 * a short-lived link only for a reader its access rule allows.
 */
module.exports = {
  init(providerOptions = {}) {
    const root = path.resolve(global.strapi ? global.strapi.dirs.app.root : process.cwd(), providerOptions.root || 'berkas');
    const publicDir = global.strapi ? path.resolve(global.strapi.dirs.static.public) : null;
    if (publicDir && (root === publicDir || root.startsWith(`${publicDir}${path.sep}`))) {
      throw new Error(
        `BERKAS_DIR (${root}) berada di dalam folder publik ${publicDir}; pilih folder di luar public/ agar berkas tidak dapat diunduh tanpa pemeriksaan hak akses.`
      );
    }
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });

    const fileOf = (file) => {
      const name = `${file.hash}${file.ext || ''}`;
      if (name !== path.basename(name) || name.startsWith('.')) throw new Error(`Nama berkas tidak sah: ${name}`);
      return { name, target: path.join(root, name) };
    };

    /** Writes next to the target, then renames: a reader never sees half a file. */
    const write = async (file, writeTemporary) => {
      const { name, target } = fileOf(file);
      const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
      try {
        await writeTemporary(temporary);
        await fs.promises.rename(temporary, target);
      } catch (error) {
        await fs.promises.rm(temporary, { force: true });
        throw error;
      }
      file.url = `${URL_PREFIX}${encodeURIComponent(name)}`;
    };
    const fromStream = (file) => (temporary) => pipeline(file.stream, fs.createWriteStream(temporary, { mode: 0o600 }));
    const fromBuffer = (file) => (temporary) => fs.promises.writeFile(temporary, file.buffer, { mode: 0o600 });
    const removeOld = async (newFile, oldFile) => {
      if (!oldFile || fileOf(oldFile).target === fileOf(newFile).target) return;
      await fs.promises.rm(fileOf(oldFile).target, { force: true });
    };

    // Strapi wraps every property of the provider in an async function: methods only here.
    return {
      async uploadStream(file) {
        if (!file.stream) throw new Error('Missing file stream');
        await write(file, fromStream(file));
      },
      async upload(file) {
        if (!file.buffer) throw new Error('Missing file buffer');
        await write(file, fromBuffer(file));
      },
      async replaceStream(newFile, oldFile) {
        if (!newFile.stream) throw new Error('Missing file stream');
        await write(newFile, fromStream(newFile));
        await removeOld(newFile, oldFile);
      },
      async replace(newFile, oldFile) {
        if (!newFile.buffer) throw new Error('Missing file buffer');
        await write(newFile, fromBuffer(newFile));
        await removeOld(newFile, oldFile);
      },
      async delete(file) {
        await fs.promises.rm(fileOf(file).target, { force: true });
      },
      isPrivate() {
        return true;
      },
      /** Replaced by the app at start-up; alone it hands back the unsigned URL, which the route refuses. */
      getSignedUrl(file) {
        return { url: file.url };
      },
    };
  },
};
