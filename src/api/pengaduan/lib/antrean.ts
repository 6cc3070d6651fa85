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
  /** at most this many items waiting; one more is refused at once */
  tungguMaks: number;
  /** an item not taken into a group within this time is refused (the caller then answers "busy") */
  tungguMs: number;
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
 * Makes a line. `tulis` writes one group and must answer every item of it (resolve or reject) and
 * never throw; `tolak` makes the error an item refused by the line is rejected with. Throws a
 * RangeError for a bound that is not a whole number ≥ 1.
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
  let ditutup = false;

  const buang = (butir: Entri<T, R>, alasan: AlasanTolak) => {
    if (butir.diambil) return;
    butir.diambil = true;
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

  const jalan = async (): Promise<void> => {
    penulis += 1;
    try {
      for (let kelompok = ambil(); kelompok.length > 0; kelompok = ambil()) {
        try {
          await tulis(kelompok.map(({ nilai, resolve, reject }) => ({ nilai, resolve, reject })));
        } catch (error: unknown) {
          // tulis must answer every item itself; should it throw anyway, no item is left waiting
          for (const butir of kelompok) butir.reject(error);
        }
      }
    } finally {
      penulis -= 1;
    }
  };

  return {
    masuk: (nilai, kunci) =>
      new Promise<R>((resolve, reject) => {
        if (ditutup) return reject(tolak('ditutup'));
        if (entri.length - kepala >= aturan.tungguMaks) return reject(tolak('penuh'));
        const butir: Entri<T, R> = { nilai, kunci, resolve, reject, timer: null, diambil: false };
        butir.timer = setTimeout(() => buang(butir, 'terlalu-lama'), aturan.tungguMs);
        butir.timer.unref();
        entri.push(butir);
        if (penulis < aturan.penulisMaks) void jalan();
      }),
    tutup: () => {
      ditutup = true;
      for (let i = kepala; i < entri.length; i += 1) buang(entri[i], 'ditutup');
      entri = [];
      kepala = 0;
    },
    menunggu: () => entri.slice(kepala).filter((butir) => !butir.diambil).length,
  };
};
