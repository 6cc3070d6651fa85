import type { Modules } from '@strapi/strapi';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../helpers/smtp';
import { ROLE, walkBeritaTo, type BeritaStaff } from '../helpers/sop';
import { runDailyDigest, sendOverdueDigest } from '../../src/plugins/sop/server/src/services/digest';
import { parseAuditKeys, type AuditCheckpoint } from '../../src/plugins/sop/server/src/engine/audit-seal';
import { verifyAgainstCheckpoint } from '../../src/plugins/sop/server/src/services/audit';

const UID = 'api::berita.berita';
const LINK = `http://localhost:1337/admin/content-manager/collection-types/${UID}`;
const SUBJECT = 'Ringkasan harian';

/** Monday 30 November 2026, 07.00 WIB: the scheduled run the test plays. */
const SENIN_07 = new Date('2026-11-30T00:00:00.000Z');

describe('daily digest of overdue records', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  const staff: BeritaStaff = {};
  const doc: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };
  const nomor: Record<'a' | 'b', string> = { a: '', b: '' };

  const digests = (): ReceivedMail[] => smtp.messages.filter((mail) => mail.subject.includes(SUBJECT));
  const mailTo = (session: AdminSession | undefined, among: ReceivedMail[] = digests()): ReceivedMail[] =>
    among.filter((mail) => mail.to.includes(session!.email));

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ env: smtp.env });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    staff.kasi = await createAdminSession(app, ROLE.kasi, { firstname: 'Kasi', lastname: 'Persandian' });
    staff.kabid = await createAdminSession(app, ROLE.kabid, { firstname: 'Kabid', lastname: 'Aptika' });
    staff.kadis = await createAdminSession(app, ROLE.kadis, { firstname: 'Kadis', lastname: 'Kominfo' });
    staff.caraka = await createAdminSession(app, ROLE.caraka, { firstname: 'Cakra', lastname: 'Caraka' });
    // Thursday 26 November is a holiday: the lateness must skip it.
    await app.strapi.documents('api::hari-libur.hari-libur').create({
      data: { tanggal: '2026-11-26', nama: 'Libur uji', jenis: 'libur_nasional' } as never,
    });

    // A: Mon 23 10.00 WIB → tenggat Tue 24 10.00 WIB; registered, waiting for the operator.
    doc.a = await walkBeritaTo(app, staff, 'diagendakan', { perihal: 'Berita A terlambat', waktuDiterima: '2026-11-23T03:00:00.000Z' });
    // B: Tue 24 09.00 WIB → tenggat Wed 25 09.00 WIB; Kasi gave paraf, waiting for the Kabid.
    doc.b = await walkBeritaTo(app, staff, 'diparaf_kasi', { perihal: 'Berita B terlambat', waktuDiterima: '2026-11-24T02:00:00.000Z' });
    // C: Fri 27 09.00 WIB → tenggat Mon 30 14.00 WIB; not overdue at 07.00.
    doc.c = await walkBeritaTo(app, staff, 'diperiksa', { perihal: 'Berita C tepat waktu', waktuDiterima: '2026-11-27T02:00:00.000Z' });
    // D: overdue by its tenggat, but archived.
    doc.d = await walkBeritaTo(app, staff, 'diarsipkan', { perihal: 'Berita D diarsipkan', waktuDiterima: '2026-11-23T02:00:00.000Z' });

    for (const key of ['a', 'b'] as const) {
      const row = (await app.strapi.db.query(UID).findOne({ where: { documentId: doc[key] } })) as { nomorAgenda: string };
      nomor[key] = row.nomorAgenda;
    }
  });

  afterAll(async () => {
    await app?.destroy();
    await smtp?.close();
  });

  it('has the records in the states and with the deadlines the scenario needs', async () => {
    const rows = (await app.strapi.db.query(UID).findMany({ select: ['documentId', 'tahap', 'tenggat'] })) as {
      documentId: string;
      tahap: string;
      tenggat: string;
    }[];
    const byDoc = new Map(rows.map((row) => [row.documentId, row]));
    expect(byDoc.get(doc.a)).toMatchObject({ tahap: 'diagendakan' });
    expect(new Date(byDoc.get(doc.a)!.tenggat).toISOString()).toBe('2026-11-24T03:00:00.000Z');
    expect(new Date(byDoc.get(doc.b)!.tenggat).toISOString()).toBe('2026-11-25T02:00:00.000Z');
    expect(new Date(byDoc.get(doc.c)!.tenggat).toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(byDoc.get(doc.d)).toMatchObject({ tahap: 'diarsipkan' });
    expect(nomor.a).toMatch(/\d+\/\d{4}/);
    expect(nomor.b).not.toBe(nomor.a);
  });

  it('sends nothing when no record is overdue', async () => {
    const result = await sendOverdueDigest(app.strapi, new Date('2026-11-23T00:00:00.000Z'));
    expect(result.items).toEqual([]);
    expect(result.terkirim).toEqual([]);
    expect(digests()).toEqual([]);
  });

  it('sends ONE mail per recipient: the Kasi gets every overdue record, the next actors theirs', async () => {
    const result = await sendOverdueDigest(app.strapi, SENIN_07);
    expect(result.items.map((item) => item.documentId)).toEqual([doc.a, doc.b]);
    expect(result.gagal).toEqual([]);

    const mails = digests();
    expect(mails).toHaveLength(3);
    expect(mails.every((mail) => mail.to.length === 1)).toBe(true);

    // Late in working time, Thursday's holiday not counted: A = 300 + 420 + 180 min, B = 360 + 180 min.
    const lineA = `- ${nomor.a} · "Berita A terlambat" · tahap Diagendakan · tenggat Selasa, 24 November 2026 pukul 10.00 WIB · terlambat 15 jam kerja · ${LINK}/${doc.a}`;
    const lineB = `- ${nomor.b} · "Berita B terlambat" · tahap Diparaf Kasi · tenggat Rabu, 25 November 2026 pukul 09.00 WIB · terlambat 9 jam kerja · ${LINK}/${doc.b}`;
    const recordLines = (mail: ReceivedMail): string[] => mail.text.split('\n').filter((line) => line.startsWith('- '));

    const [kasi] = mailTo(staff.kasi);
    expect(kasi.subject).toBe('[Meja Sandi] Ringkasan harian: 2 naskah melewati tenggat');
    expect(kasi.text).toContain('Yth. Kasi Persandian,');
    expect(kasi.text).toContain('Per Senin, 30 November 2026 pukul 07.00 WIB, 2 naskah telah melewati tenggat penyelesaian');
    expect(kasi.text).toContain('Penerimaan Berita Biasa Email Sanapati:');
    expect(recordLines(kasi)).toEqual([lineA, lineB]);

    const [operator] = mailTo(staff.operator);
    expect(operator.subject).toBe('[Meja Sandi] Ringkasan harian: 1 naskah melewati tenggat');
    expect(recordLines(operator)).toEqual([lineA]);

    const [kabid] = mailTo(staff.kabid);
    expect(recordLines(kabid)).toEqual([lineB]);

    expect(mailTo(staff.kadis)).toEqual([]);
    expect(mailTo(staff.caraka)).toEqual([]);
    for (const mail of mails) {
      expect(mail.text).not.toContain('Berita C');
      expect(mail.text).not.toContain('Berita D');
    }
  });

  it('the scheduled task sends once per day across server processes and rests on holidays', async () => {
    const tasks = app.strapi.config.get('server.cron.tasks') as Modules.Cron.CronTasks;
    const job = tasks.ringkasanTenggat as { task: Modules.Cron.CronTaskFn; options: unknown };
    expect(job.options).toEqual({ rule: '0 0 7 * * 1-5', tz: 'Asia/Jakarta' });

    const before = digests().length;
    const selasa07 = new Date('2026-12-01T00:00:00.000Z');
    const first = (await job.task({ strapi: app.strapi }, selasa07)) as Awaited<ReturnType<typeof runDailyDigest>>;
    expect(first?.terkirim).toHaveLength(3);
    // a second process firing at the same time finds the day claimed
    expect(await runDailyDigest(app.strapi, selasa07)).toBeNull();
    expect(digests()).toHaveLength(before + 3);
    const [kasi] = mailTo(staff.kasi, digests().slice(before));
    expect(kasi.text).toContain('terlambat 22 jam kerja'); // A: 15 h + Monday 7 h

    expect(await runDailyDigest(app.strapi, new Date('2026-11-26T00:00:00.000Z'))).toBeNull();
    expect(digests()).toHaveLength(before + 3);
  });

  it("the Kasi's digest carries a signed audit checkpoint that the trail matches; the others' do not", async () => {
    const before = smtp.messages.length;
    const result = await sendOverdueDigest(app.strapi, SENIN_07);
    const sent = smtp.messages.slice(before);
    const [kasi] = mailTo(staff.kasi, sent);
    const line = kasi.text.split('\n').find((text) => text.startsWith('{"versi":1'));
    expect(kasi.text).toContain('npm run audit:verify -- titik-periksa.json');
    const checkpoint = JSON.parse(line!) as AuditCheckpoint;
    expect(checkpoint).toEqual(result.titikPeriksa);
    expect(checkpoint).toMatchObject({ versi: 1, waktu: SENIN_07.toISOString(), kunci: parseAuditKeys(process.env.AUDIT_KEY!)[0].id });
    const { verdict, titikPeriksa } = await verifyAgainstCheckpoint(app.strapi.db.connection, checkpoint);
    expect(verdict).toMatchObject({ ok: true, count: checkpoint.jumlah });
    expect(titikPeriksa).toEqual({ ok: true });
    for (const other of [...mailTo(staff.operator, sent), ...mailTo(staff.kabid, sent)]) expect(other.text).not.toContain('"tanda"');
  });

  it('on a day with nothing overdue the scheduled run still sends the Kasi the checkpoint, alone', async () => {
    const before = smtp.messages.length;
    const result = await runDailyDigest(app.strapi, new Date('2026-11-23T00:00:00.000Z'));
    expect(result?.items).toEqual([]);
    const sent = smtp.messages.slice(before);
    expect(sent.map((mail) => mail.subject)).toEqual(['[Meja Sandi] Titik periksa jejak audit 2026-11-23']);
    expect(sent[0].to).toEqual([staff.kasi!.email]);
    expect(sent[0].text).toContain('tidak ada naskah yang melewati tenggat');
    expect(JSON.parse(sent[0].text.split('\n').find((text) => text.startsWith('{"versi":1'))!)).toEqual(result?.titikPeriksa);
  });

  it('a broken trail is never signed: the Kasi is warned instead, naming the broken link', async () => {
    const knex = app.strapi.db.connection;
    const target = (await knex('sop_audit').where({ document_id: doc.b }).orderBy('urutan').first()) as { id: number; aktor_nama: string };
    await knex('sop_audit').where({ id: target.id }).update({ aktor_nama: 'Orang Lain' });
    try {
      const before = smtp.messages.length;
      const result = await sendOverdueDigest(app.strapi, SENIN_07);
      expect(result.titikPeriksa).toBeNull();
      const [kasi] = mailTo(staff.kasi, smtp.messages.slice(before));
      expect(kasi.text).toContain('PERINGATAN — jejak audit RUSAK:');
      expect(kasi.text).toContain(`berita:${doc.b} urutan 1`);
      expect(kasi.text).not.toContain('"tanda"');
    } finally {
      await knex('sop_audit').where({ id: target.id }).update({ aktor_nama: target.aktor_nama });
    }
  });

  it('the cron rule fires at 07.00 WIB on weekdays only', () => {
    const tasks = app.strapi.config.get('server.cron.tasks') as Modules.Cron.CronTasks;
    const { options } = tasks.ringkasanTenggat as { options: Modules.Cron.CronSchedule };
    // CRON_ENABLED=false in tests: register a never-run copy on Strapi's own scheduler to read its plan.
    app.strapi.cron.add({ ringkasanTenggatUji: { task: async () => undefined, options } });
    try {
      const spec = app.strapi.cron.jobs.find((candidate) => candidate.name === 'ringkasanTenggatUji')!;
      const fires: Date[] = [];
      let after = new Date('2026-11-27T01:00:00.000Z'); // Friday 08.00 WIB
      for (let i = 0; i < 3; i += 1) {
        after = spec.job.nextRun(after)!;
        fires.push(after);
      }
      expect(fires.map((date) => date.toISOString())).toEqual([
        '2026-11-30T00:00:00.000Z', // Monday 07.00 WIB
        '2026-12-01T00:00:00.000Z',
        '2026-12-02T00:00:00.000Z',
      ]);
    } finally {
      app.strapi.cron.remove('ringkasanTenggatUji');
    }
  });
});
