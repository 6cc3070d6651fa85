import { Client } from 'pg';
import { formatNumber, formatNumberSql } from '../../src/plugins/sop/server/src/engine/numbering';
import { POSTGRES_ADMIN_URL } from '../helpers/env';

/**
 * PostgreSQL only: the agenda number formatted in SQL (formatNumberSql, used by the agenda
 * effect's one-statement draw) equals formatNumber for every token of AGENDA_FORMAT, every
 * padding width, numbers longer than the width (never cut) and text around the tokens.
 */
const PATTERNS = [
  '{nomor}',
  '{nomor:4}/{tahun}',
  'K-{nomor:4}/{tahun}',
  '{kode}/{nomor:3}/{bulan-romawi}/{tahun}',
  '{nomor:2}.{bulan}.{tahun}',
  "Agenda '{nomor:6}' ?? {bulan-romawi}",
  '{tahun}{bulan}{nomor:12}',
];
const NOMOR = [1, 9, 12, 999, 1000, 123456, 2147483647];
const MOMENTS = [
  { tahun: 2026, bulan: 1, kode: '005' },
  { tahun: 2027, bulan: 12, kode: '060' },
];

describe('agenda number formatted in SQL', () => {
  let client: Client;

  beforeAll(async () => {
    client = new Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
  });

  it('equals formatNumber for every token, width and length', async () => {
    let compared = 0;
    for (const pattern of PATTERNS) {
      for (const moment of MOMENTS) {
        const expression = formatNumberSql(pattern, moment, 'nomor.terakhir');
        // knex-style `?` placeholders → $n, the number last
        let n = 0;
        const sql = expression.sql.replace(/\?/g, () => `$${++n}`);
        for (const nomor of NOMOR) {
          const result = await client.query<{ nomor: string }>(`select ${sql} as nomor from (select $${n + 1}::integer as terakhir) as nomor`, [
            ...expression.bindings,
            nomor,
          ]);
          expect(result.rows[0].nomor).toBe(formatNumber(pattern, { nomor, ...moment }));
          compared += 1;
        }
      }
    }
    expect(compared).toBe(PATTERNS.length * MOMENTS.length * NOMOR.length);
  });

  it('refuses a pattern formatNumber refuses', () => {
    expect(() => formatNumberSql('{tahun}', { tahun: 2026, bulan: 1 }, 'n')).toThrow(/harus memuat \{nomor\}/);
    expect(() => formatNumberSql('{nomor}/{hari}', { tahun: 2026, bulan: 1 }, 'n')).toThrow(/tidak dikenal/);
  });
});
