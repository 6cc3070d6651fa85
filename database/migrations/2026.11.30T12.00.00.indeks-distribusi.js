'use strict';
/**
 * The copies (distribusi) of one record: every step of a berita or kriptogram that carries copies
 * looks them up by their parent (`indukUid`, `indukDocumentId`: src/sop-defs/distribusi/
 * salinan-per-penerima.ts, the copies' summary in ringkasan.ts). Without this index each lookup
 * reads the whole distribusi table, which grows with every copy sent. Runs as the other index
 * migrations do (database/indeks.js).
 */

const { indexMigration } = require('../indeks');

const INDEXES = [{ table: 'distribusi', name: 'distribusi_induk_idx', columns: ['induk_uid', 'induk_document_id'] }];

module.exports = indexMigration(INDEXES);
