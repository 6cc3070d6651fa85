/**
 * Issue 13: the difference between two versions of a workflow (bedaDefinisi) — states by key,
 * steps by from→to, the title and the initial state.
 */
import { bedaDefinisi, kunciLangkah, type WorkflowData } from '../../src/plugins/sop/server/src/engine/index';
import { BERITA_DEFINITION } from '../../src/sop-defs/berita/workflow';

const base: WorkflowData = {
  model: 'uji',
  uid: 'api::uji.uji',
  title: 'Uji',
  initial: 'baru',
  states: [
    { key: 'baru', label: 'Baru' },
    { key: 'selesai', label: 'Selesai', final: true },
    { key: 'batal', label: 'Batal', final: true },
  ],
  transitions: [
    { from: ['baru'], to: 'selesai', label: 'Selesaikan', roles: ['operator'] },
    { from: ['baru'], to: 'batal', label: 'Batalkan', roles: ['operator'], kind: 'batal' },
  ],
};
const clone = (data: WorkflowData): WorkflowData => JSON.parse(JSON.stringify(data)) as WorkflowData;

describe('bedaDefinisi', () => {
  it('finds nothing between a definition and itself, whatever the key order', () => {
    expect(bedaDefinisi(base, clone(base))).toEqual([]);
    const reordered = JSON.parse(JSON.stringify(base, Object.keys(base).reverse())) as WorkflowData;
    expect(bedaDefinisi(base, { ...reordered, ...base })).toEqual([]);
    expect(bedaDefinisi(BERITA_DEFINITION, clone(BERITA_DEFINITION))).toEqual([]);
  });

  it('names added, removed and changed states by key', () => {
    const after = clone(base);
    after.states[0].label = 'Baru masuk';
    after.states.splice(2, 1);
    after.states.push({ key: 'ditunda', label: 'Ditunda' });
    expect(bedaDefinisi(base, after).filter((one) => one.bagian === 'tahap')).toEqual([
      { jenis: 'diubah', bagian: 'tahap', kunci: 'baru', sebelum: { key: 'baru', label: 'Baru' }, sesudah: { key: 'baru', label: 'Baru masuk' } },
      { jenis: 'dihapus', bagian: 'tahap', kunci: 'batal', sebelum: { key: 'batal', label: 'Batal', final: true } },
      { jenis: 'ditambah', bagian: 'tahap', kunci: 'ditunda', sesudah: { key: 'ditunda', label: 'Ditunda' } },
    ]);
  });

  it('names steps by their sources (in any order) and target; a changed role is a changed step', () => {
    const after = clone(base);
    after.transitions[0].roles = ['kasi'];
    after.transitions.push({ from: ['selesai', 'baru'], to: 'batal', label: 'Batalkan juga', roles: ['kasi'] });
    after.transitions.splice(1, 1);
    const langkah = bedaDefinisi(base, after).filter((one) => one.bagian === 'langkah');
    expect(langkah.map((one) => [one.jenis, one.kunci])).toEqual([
      ['diubah', 'baru→selesai'],
      ['dihapus', 'baru→batal'],
      ['ditambah', 'baru,selesai→batal'],
    ]);
    expect(langkah[0]).toMatchObject({ sebelum: { roles: ['operator'] }, sesudah: { roles: ['kasi'] } });
    expect(kunciLangkah({ from: ['z', 'a'], to: 'b' })).toBe('a,z→b');
  });

  it('names a new title and a new initial state', () => {
    const after = { ...clone(base), title: 'Uji baru', initial: 'selesai' };
    expect(bedaDefinisi(base, after).slice(0, 2)).toEqual([
      { jenis: 'diubah', bagian: 'judul', kunci: 'title', sebelum: 'Uji', sesudah: 'Uji baru' },
      { jenis: 'diubah', bagian: 'awal', kunci: 'initial', sebelum: 'baru', sesudah: 'selesai' },
    ]);
  });
});
