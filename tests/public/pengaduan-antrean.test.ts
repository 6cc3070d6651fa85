/**
 * The group commit's waiting line (src/api/pengaduan/lib/antrean.ts), without a database: what
 * arrives while a group is written waits and goes in the next group, in order and by key; the
 * line's bounds (group size, writers, waiting items, waiting time) and its closing.
 */
import { buatAntrean, type AlasanTolak, type Butir } from '../../src/api/pengaduan/lib/antrean';

type Tulisan = { nilai: number[]; selesai: () => void; gagal: (error: unknown) => void };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tolak = (alasan: AlasanTolak) => Object.assign(new Error(`ditolak: ${alasan}`), { alasan });

/** A line whose writes wait until the test lets each one go (answering each item with its value × 10). */
const garis = (aturan: Partial<Parameters<typeof buatAntrean>[0]> = {}) => {
  const tulisan: Tulisan[] = [];
  const antrean = buatAntrean<number, number>(
    { kelompokMaks: 4, penulisMaks: 1, lambatMs: 1000, tungguMaks: 100, tungguMs: 5000, tulisMs: 5000, ...aturan },
    (kelompok: Butir<number, number>[]) =>
      new Promise<void>((resolve) => {
        tulisan.push({
          nilai: kelompok.map((butir) => butir.nilai),
          selesai: () => {
            for (const butir of kelompok) butir.resolve(butir.nilai * 10);
            resolve();
          },
          gagal: (error) => {
            for (const butir of kelompok) butir.reject(error);
            resolve();
          },
        });
      }),
    tolak
  );
  return { antrean, tulisan };
};

const settle = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: { alasan?: string; message: string }) => ({ error: error.alasan ?? error.message }));

describe('group commit line', () => {
  it('writes the first item at once and groups, in arrival order, what waits meanwhile (up to the group size)', async () => {
    const { antrean, tulisan } = garis();
    const hasil = [1, 2, 3, 4, 5, 6, 7].map((n) => settle(antrean.masuk(n, 2026)));
    await sleep(0);
    expect(tulisan.map((t) => t.nilai)).toEqual([[1]]);
    tulisan[0].selesai();
    await sleep(0);
    expect(tulisan.map((t) => t.nilai)).toEqual([[1], [2, 3, 4, 5]]);
    tulisan[1].selesai();
    await sleep(0);
    tulisan[2].selesai();
    expect(await Promise.all(hasil)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: n * 10 })));
    expect(tulisan.map((t) => t.nilai)).toEqual([[1], [2, 3, 4, 5], [6, 7]]);
    expect(antrean.menunggu()).toBe(0);
  });

  it('puts only items of the first one\u2019s key in a group, keeping the order', async () => {
    const { antrean, tulisan } = garis();
    const hasil = [
      [1, 2026],
      [2, 2026],
      [3, 2027],
      [4, 2026],
    ].map(([n, tahun]) => settle(antrean.masuk(n, tahun)));
    await sleep(0);
    tulisan[0].selesai();
    await sleep(0);
    expect(tulisan.map((t) => t.nilai)).toEqual([[1], [2]]);
    tulisan[1].selesai();
    await sleep(0);
    tulisan[2].selesai();
    await sleep(0);
    tulisan[3].selesai();
    await Promise.all(hasil);
    expect(tulisan.map((t) => t.nilai)).toEqual([[1], [2], [3], [4]]);
  });

  it('keeps one writer while its writes are quick: what arrives meanwhile waits for the next group, never a second writer', async () => {
    const { antrean, tulisan } = garis({ penulisMaks: 2, lambatMs: 1000 });
    const hasil = [1, 2, 3, 4, 5, 6].map((n) => settle(antrean.masuk(n, 1)));
    await sleep(20);
    expect(tulisan.map((t) => t.nilai)).toEqual([[1]]);
    tulisan[0].selesai();
    await sleep(0);
    expect(tulisan.map((t) => t.nilai)).toEqual([[1], [2, 3, 4, 5]]);
    const lagi = settle(antrean.masuk(7, 1));
    await sleep(20);
    expect(tulisan).toHaveLength(2);
    tulisan[1].selesai();
    await sleep(0);
    expect(tulisan.map((t) => t.nilai)).toEqual([[1], [2, 3, 4, 5], [6, 7]]);
    tulisan[2].selesai();
    expect(await Promise.all([...hasil, lagi])).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: n * 10 })));
  });

  it('starts a further writer (up to penulisMaks) once the write in flight has taken lambatMs; a stuck write does not stop the others', async () => {
    const { antrean, tulisan } = garis({ penulisMaks: 2, lambatMs: 40 });
    const hasil = [1, 2, 3].map((n) => settle(antrean.masuk(n, 1)));
    await sleep(0);
    expect(tulisan.map((t) => t.nilai)).toEqual([[1]]);
    await sleep(70);
    // the first write is slow: a second writer took what waited
    expect(tulisan.map((t) => t.nilai)).toEqual([[1], [2, 3]]);
    const later = [4, 5].map((n) => settle(antrean.masuk(n, 1)));
    await sleep(70);
    // both writers busy, however long: no third
    expect(tulisan).toHaveLength(2);
    // the second finishes and its writer takes the rest; the first still hangs
    tulisan[1].selesai();
    await sleep(0);
    expect(tulisan.map((t) => t.nilai)).toEqual([[1], [2, 3], [4, 5]]);
    tulisan[2].selesai();
    expect(await Promise.all([...hasil.slice(1), ...later])).toEqual([2, 3, 4, 5].map((n) => ({ value: n * 10 })));
    tulisan[0].selesai();
    expect(await hasil[0]).toEqual({ value: 10 });
  });

  it('refuses an item not taken within tungguMs, and never writes it afterwards', async () => {
    const { antrean, tulisan } = garis({ tungguMs: 50 });
    const pertama = settle(antrean.masuk(1, 1));
    const lama = [2, 3].map((n) => settle(antrean.masuk(n, 1)));
    await sleep(120);
    expect(await Promise.all(lama)).toEqual([{ error: 'terlalu-lama' }, { error: 'terlalu-lama' }]);
    tulisan[0].selesai();
    expect(await pertama).toEqual({ value: 10 });
    await sleep(0);
    expect(tulisan.map((t) => t.nilai)).toEqual([[1]]);
  });

  it('refuses an item beyond tungguMaks waiting at once', async () => {
    const { antrean, tulisan } = garis({ tungguMaks: 3 });
    const hasil = [1, 2, 3, 4, 5].map((n) => settle(antrean.masuk(n, 1)));
    await sleep(0);
    // 1 is being written; 2, 3, 4 wait (three); 5 is one too many
    expect(await hasil[4]).toEqual({ error: 'penuh' });
    tulisan[0].selesai();
    await sleep(0);
    tulisan[1].selesai();
    expect(await Promise.all(hasil.slice(0, 4))).toEqual([1, 2, 3, 4].map((n) => ({ value: n * 10 })));
  });

  it('once closed, refuses what waits and what comes, and lets the write in flight finish', async () => {
    const { antrean, tulisan } = garis();
    const hasil = [1, 2, 3].map((n) => settle(antrean.masuk(n, 1)));
    await sleep(0);
    antrean.tutup();
    expect(await settle(antrean.masuk(4, 1))).toEqual({ error: 'ditutup' });
    expect(await Promise.all(hasil.slice(1))).toEqual([{ error: 'ditutup' }, { error: 'ditutup' }]);
    tulisan[0].selesai();
    expect(await hasil[0]).toEqual({ value: 10 });
    await sleep(0);
    expect(tulisan).toHaveLength(1);
  });

  it('answers every member when a write throws instead of answering, and goes on', async () => {
    let calls = 0;
    const antrean = buatAntrean<number, number>(
      { kelompokMaks: 4, penulisMaks: 1, lambatMs: 1, tungguMaks: 10, tungguMs: 1000, tulisMs: 1000 },
      async (kelompok) => {
        calls += 1;
        if (calls === 1) throw new Error('tulis gagal');
        for (const butir of kelompok) butir.resolve(butir.nilai);
      },
      tolak
    );
    expect(await settle(antrean.masuk(1, 1))).toEqual({ error: 'tulis gagal' });
    expect(await settle(antrean.masuk(2, 1))).toEqual({ value: 2 });
  });

  it('gives a write slower than tulisMs\u2019 place to another writer; its own group still waits for it', async () => {
    const { antrean, tulisan } = garis({ tulisMs: 50, tungguMs: 1000 });
    const macet = settle(antrean.masuk(1, 1));
    await sleep(0);
    const berikut = [2, 3].map((n) => settle(antrean.masuk(n, 1)));
    await sleep(0);
    expect(tulisan.map((t) => t.nilai)).toEqual([[1]]);
    await sleep(80);
    // the first write is still going: a new writer took what waited
    expect(tulisan.map((t) => t.nilai)).toEqual([[1], [2, 3]]);
    tulisan[1].selesai();
    expect(await Promise.all(berikut)).toEqual([{ value: 20 }, { value: 30 }]);
    let answered = false;
    void macet.then(() => (answered = true));
    await sleep(10);
    expect(answered).toBe(false);
    tulisan[0].selesai();
    expect(await macet).toEqual({ value: 10 });
  });

  it('counts only items still waiting against tungguMaks (refused ones do not fill the line)', async () => {
    const { antrean, tulisan } = garis({ tungguMaks: 3, tungguMs: 30 });
    const pertama = settle(antrean.masuk(1, 1));
    await sleep(0);
    const lama = [2, 3, 4].map((n) => settle(antrean.masuk(n, 1)));
    expect(await Promise.all(lama)).toEqual([{ error: 'terlalu-lama' }, { error: 'terlalu-lama' }, { error: 'terlalu-lama' }]);
    expect(antrean.menunggu()).toBe(0);
    const baru = settle(antrean.masuk(5, 1));
    await sleep(0);
    expect(antrean.menunggu()).toBe(1);
    tulisan[0].selesai();
    await sleep(0);
    expect(tulisan.map((t) => t.nilai)).toEqual([[1], [5]]);
    tulisan[1].selesai();
    expect(await Promise.all([pertama, baru])).toEqual([{ value: 10 }, { value: 50 }]);
  });

  it('rejects an item its write returned without answering, and answers each item once', async () => {
    const antrean = buatAntrean<number, number>(
      { kelompokMaks: 4, penulisMaks: 1, lambatMs: 1, tungguMaks: 10, tungguMs: 1000, tulisMs: 1000 },
      async (kelompok) => {
        kelompok[0].resolve(kelompok[0].nilai);
        kelompok[0].reject(new Error('kedua kali'));
      },
      tolak
    );
    expect(await settle(antrean.masuk(1, 1))).toEqual({ value: 1 });
    const antrean2 = buatAntrean<number, number>(
      { kelompokMaks: 4, penulisMaks: 1, lambatMs: 1, tungguMaks: 10, tungguMs: 1000, tulisMs: 1000 },
      async () => undefined,
      tolak
    );
    expect(await settle(antrean2.masuk(2, 1))).toEqual({ error: 'Penulisan kelompok selesai tanpa menjawab butir ini.' });
  });

  it('refuses bounds that are not whole numbers of at least 1', () => {
    expect(() => buatAntrean({ kelompokMaks: 0, penulisMaks: 1, lambatMs: 1, tungguMaks: 1, tungguMs: 1, tulisMs: 1 }, async () => undefined, tolak)).toThrow(RangeError);
    expect(() => buatAntrean({ kelompokMaks: 1, penulisMaks: 1.5, lambatMs: 1, tungguMaks: 1, tungguMs: 1, tulisMs: 1 }, async () => undefined, tolak)).toThrow(/penulisMaks/);
  });
});
