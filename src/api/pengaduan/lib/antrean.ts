/**
 * The waiting line of a group commit (issue 14; used by `simpanBersama` in ./intake.ts): items
 * that arrive while a group is being written wait, and the next free writer takes every item then
 * waiting — in arrival order, up to `kelompokMaks`, only those sharing the first one's `kunci`
 * (the complaints' ticket year) — and writes them with one call of `tulis`. No framework here:
 * the caller decides what a group's write is and how each item is answered.
 */

/** How the line is bounded. Every figure is a whole number ≥ 1; times in milliseconds. */
export type AturanAntrean = {
  /** at most this many items per group */
  kelompokMaks: number;
  /** at most this many groups being written at once (a stuck write stalls only its own group) */
  penulisMaks: number;
  /**
   * a further writer starts only once the latest write in flight has taken this long (a slow or
   * stuck write): while writes are quick, one writer takes everything that waits, so the groups
   * stay as large as the load makes them (each group costs a statement, a connection and a commit)
   */
  lambatMs: number;
  /** at most this many items waiting; one more is refused at once */
  tungguMaks: number;
  /** an item not taken into a group within this time is refused (the caller then answers "busy") */
  tungguMs: number;
  /**
   * a group's write that has not settled within this time no longer holds its writer's place: another
   * writer may start (a dead connection then stalls only its own group, which still waits for its write)
   */
  tulisMs: number;
};

/** Why an item was refused without being written. */
export type AlasanTolak = 'penuh' | 'terlalu-lama' | 'ditutup';

/** An item the line hands to `tulis`, with the means to answer it. */
export type Butir<T, R> = { nilai: T; resolve: (hasil: R) => void; reject: (error: unknown) => void };

/** A group commit's line: `masuk` queues an item and settles with its write's result. */
export type Antrean<T, R> = {
  /** Queues `nilai` (its group key `kunci`); resolves or rejects as its group's write answers it, or rejects with `tolak(alasan)`. */
  masuk: (nilai: T, kunci: string | number) => Promise<R>;
  /** Refuses every waiting item and every later one (`ditutup`); groups being written finish as they will. */
  tutup: () => void;
  /** Items waiting now (not yet in a group). */
  menunggu: () => number;
};

type Entri<T, R> = Butir<T, R> & { kunci: string | number; timer: NodeJS.Timeout | null; diambil: boolean };

/**
 * Makes a line. `tulis` writes one group and should answer every item of it (resolve or reject):
 * an item it leaves unanswered, or every item when it throws, is rejected once it returns, and
 * an item is answered at most once. `tolak` makes the error an item refused by the line is rejected
 * with. Throws a RangeError for a bound that is not a whole number ≥ 1.
 */
export const buatAntrean = <T, R>(
  aturan: AturanAntrean,
  tulis: (kelompok: Butir<T, R>[]) => Promise<void>,
  tolak: (alasan: AlasanTolak) => Error
): Antrean<T, R> => {
  for (const [nama, nilai] of Object.entries(aturan)) {
    if (!Number.isInteger(nilai) || nilai < 1) throw new RangeError(`Aturan antrean ${nama} tidak sah: ${String(nilai)}`);
  }
  let entri: Entri<T, R>[] = [];
  let kepala = 0;
  let penulis = 0;
  // when the latest write in flight started (performance.now(), ms), and the check that starts a further writer if it is slow
  let mulaiTerakhir = 0;
  let pemeriksa: NodeJS.Timeout | null = null;
  let ditutup = false;
  // items waiting now: neither taken into a group nor refused
  let hidup = 0;

  const buang = (butir: Entri<T, R>, alasan: AlasanTolak) => {
    if (butir.diambil) return;
    butir.diambil = true;
    hidup -= 1;
    if (butir.timer) clearTimeout(butir.timer);
    butir.reject(tolak(alasan));
  };

  /** The next group: the waiting items from the front that share the first one's key, up to kelompokMaks. */
  const ambil = (): Entri<T, R>[] => {
    const kelompok: Entri<T, R>[] = [];
    while (kepala < entri.length && kelompok.length < aturan.kelompokMaks) {
      const butir = entri[kepala];
      if (butir.diambil) {
        kepala += 1;
        continue;
      }
      if (kelompok.length > 0 && butir.kunci !== kelompok[0].kunci) break;
      butir.diambil = true;
      hidup -= 1;
      if (butir.timer) clearTimeout(butir.timer);
      kelompok.push(butir);
      kepala += 1;
    }
    // keep the array short without copying it per group
    if (kepala === entri.length) {
      entri = [];
      kepala = 0;
    } else if (kepala > 1024 && kepala * 2 > entri.length) {
      entri = entri.slice(kepala);
      kepala = 0;
    }
    return kelompok;
  };

  /** Writes one group; resolves true when it settled within tulisMs, false when it is still being written. */
  const tulisSatu = async (kelompok: Entri<T, R>[]): Promise<boolean> => {
    const dijawab = new Set<Entri<T, R>>();
    const butir = kelompok.map((satu) => ({
      nilai: satu.nilai,
      resolve: (hasil: R) => {
        if (dijawab.has(satu)) return;
        dijawab.add(satu);
        satu.resolve(hasil);
      },
      reject: (error: unknown) => {
        if (dijawab.has(satu)) return;
        dijawab.add(satu);
        satu.reject(error);
      },
    }));
    mulaiTerakhir = performance.now();
    const selesai = (async () => {
      try {
        await tulis(butir);
      } catch (error: unknown) {
        // tulis must answer every item itself; should it throw anyway, no item is left waiting
        for (const satu of butir) satu.reject(error);
      }
      // nor when it returns without answering one
      for (const satu of butir) satu.reject(new Error('Penulisan kelompok selesai tanpa menjawab butir ini.'));
    })();
    let timer: NodeJS.Timeout | undefined;
    const tepat = await Promise.race([
      selesai.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), aturan.tulisMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
    return tepat;
  };

  const jalan = async (): Promise<void> => {
    penulis += 1;
    let memegang = true;
    try {
      for (let kelompok = ambil(); kelompok.length > 0; kelompok = ambil()) {
        if (await tulisSatu(kelompok)) continue;
        // too slow: its place goes to another writer for what waits; this one stays with its group
        memegang = false;
        penulis -= 1;
        tambahPenulis();
        return;
      }
    } finally {
      if (memegang) penulis -= 1;
    }
  };

  /**
   * Starts a writer for what waits: at once when none is writing; a further one (up to penulisMaks)
   * only when the latest write has taken lambatMs, else it checks again when it will have.
   */
  function tambahPenulis(): void {
    if (ditutup || hidup === 0 || penulis >= aturan.penulisMaks) return;
    const sisa = mulaiTerakhir + aturan.lambatMs - performance.now();
    if (penulis === 0 || sisa <= 0) {
      void jalan();
      return;
    }
    if (pemeriksa) return;
    pemeriksa = setTimeout(() => {
      pemeriksa = null;
      tambahPenulis();
    }, Math.ceil(sisa));
    pemeriksa.unref();
  }

  return {
    masuk: (nilai, kunci) =>
      new Promise<R>((resolve, reject) => {
        if (ditutup) return reject(tolak('ditutup'));
        if (hidup >= aturan.tungguMaks) return reject(tolak('penuh'));
        const butir: Entri<T, R> = { nilai, kunci, resolve, reject, timer: null, diambil: false };
        butir.timer = setTimeout(() => buang(butir, 'terlalu-lama'), aturan.tungguMs);
        butir.timer.unref();
        entri.push(butir);
        hidup += 1;
        tambahPenulis();
      }),
    tutup: () => {
      ditutup = true;
      if (pemeriksa) clearTimeout(pemeriksa);
      pemeriksa = null;
      for (let i = kepala; i < entri.length; i += 1) buang(entri[i], 'ditutup');
      entri = [];
      kepala = 0;
    },
    menunggu: () => hidup,
  };
};
