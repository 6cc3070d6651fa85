import { filterPaths, populatePaths, queryPaths, resolvePath, sortPaths, type SchemaLike } from '../../src/domain/query-paths';

const SCHEMAS: Record<string, SchemaLike> = {
  'api::salinan.salinan': {
    uid: 'api::salinan.salinan',
    attributes: {
      perihal: { type: 'string' },
      isi: { type: 'text', private: true },
      penerima: { type: 'component', component: 'naskah.penerima' },
      kriptogram: { type: 'relation', relation: 'oneToOne', target: 'api::kriptogram.kriptogram' },
      createdBy: { type: 'relation', relation: 'oneToOne', target: 'admin::user' },
    },
  },
  'api::kriptogram.kriptogram': {
    uid: 'api::kriptogram.kriptogram',
    attributes: {
      nomorAgenda: { type: 'string' },
      teksKriptogram: { type: 'text' },
      berkasKriptogram: { type: 'media' },
      salinan: { type: 'relation', relation: 'oneToOne', target: 'api::salinan.salinan' },
    },
  },
  'naskah.penerima': { uid: 'naskah.penerima', modelType: 'component', attributes: { nama: { type: 'string' } } },
};
const schemaOf = (uid: string) => SCHEMAS[uid];

describe('query paths: every field a content-manager query names', () => {
  it('walks filters through operators and bracket or dotted keys', () => {
    expect(
      filterPaths({
        $and: [
          { kriptogram: { teksKriptogram: { $contains: 'X' } } },
          { $or: [{ perihal: { $eq: 'a' } }, { 'kriptogram.nomorAgenda': { $null: true } }] },
        ],
        $not: { penerima: { nama: { $in: ['a', 'b'] } } },
      })
    ).toEqual(expect.arrayContaining([['kriptogram', 'teksKriptogram'], ['perihal'], ['kriptogram', 'nomorAgenda'], ['penerima', 'nama']]));
  });

  it('reads every sort form Strapi accepts', () => {
    expect(sortPaths('kriptogram.teksKriptogram:ASC,perihal')).toEqual([['kriptogram', 'teksKriptogram'], ['perihal']]);
    expect(sortPaths(['kriptogram[nomorAgenda]:desc'])).toEqual([['kriptogram', 'nomorAgenda']]);
    expect(sortPaths({ kriptogram: { teksKriptogram: 'asc' } })).toEqual([['kriptogram', 'teksKriptogram']]);
    expect(sortPaths([{ perihal: 'asc' }])).toEqual([['perihal']]);
  });

  it('reads populate with the fields, filters and sort nested in it', () => {
    expect(
      populatePaths({
        kriptogram: { fields: ['teksKriptogram'], filters: { nomorAgenda: { $eq: '1' } }, populate: { salinan: { sort: 'isi:asc' } } },
      })
    ).toEqual(
      expect.arrayContaining([
        ['kriptogram'],
        ['kriptogram', 'teksKriptogram'],
        ['kriptogram', 'nomorAgenda'],
        ['kriptogram', 'salinan'],
        ['kriptogram', 'salinan', 'isi'],
      ])
    );
    expect(populatePaths('*')).toEqual([]);
    expect(populatePaths('kriptogram.salinan,penerima')).toEqual([['kriptogram', 'salinan'], ['penerima']]);
    expect(queryPaths({ fields: 'perihal,isi', _q: 'x' })).toEqual([['perihal'], ['isi']]);
  });

  it('resolves a path into the content type and field of each step', () => {
    expect(resolvePath('api::salinan.salinan', ['kriptogram', 'teksKriptogram'], schemaOf)).toEqual([
      { uid: 'api::salinan.salinan', field: 'kriptogram', depth: 0, private: false, relation: true },
      { uid: 'api::kriptogram.kriptogram', field: 'teksKriptogram', depth: 1, private: false, relation: false },
    ]);
    expect(
      resolvePath('api::kriptogram.kriptogram', ['salinan', 'penerima', 'nama'], schemaOf).map((step) => `${step.uid}:${step.field}:${step.depth}`)
    ).toEqual(['api::kriptogram.kriptogram:salinan:0', 'api::salinan.salinan:penerima:1', 'api::salinan.salinan:penerima.nama:1']);
    expect(resolvePath('api::kriptogram.kriptogram', ['salinan', 'isi'], schemaOf)[1]).toMatchObject({ field: 'isi', private: true, depth: 1 });
  });

  it('stops at unknown names, media and targets guarded elsewhere', () => {
    expect(resolvePath('api::salinan.salinan', ['tidakAda', 'x'], schemaOf)).toEqual([]);
    expect(resolvePath('api::kriptogram.kriptogram', ['berkasKriptogram', 'name'], schemaOf)).toHaveLength(1);
    expect(resolvePath('api::salinan.salinan', ['createdBy', 'email'], schemaOf)).toEqual([
      { uid: 'api::salinan.salinan', field: 'createdBy', depth: 0, private: false, relation: false },
    ]);
  });
});
