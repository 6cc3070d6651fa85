/**
 * Issue 13: the vocabulary an outbound-message SOP needs — a named agenda book, a due time in
 * working minutes, a notification to a role or an assignee, archiving — with its params checked
 * (zod) and described in Indonesian, and the facts a bound record's guards read.
 */
import {
  BUILTIN_EFFECTS,
  BUILTIN_GUARDS,
  BUILTIN_VOCABULARY,
  validateDefinition,
  type WorkflowData,
} from '../../src/plugins/sop/server/src/engine/index';
import { boundFacts } from '../../src/plugins/sop/server/src/index';
import definition from '../fixtures/sop/berita-keluar/definition.json';

const params = (type: keyof typeof BUILTIN_EFFECTS) => BUILTIN_EFFECTS[type].params;

describe('the outbound-message vocabulary', () => {
  it('describes every new entry in Indonesian', () => {
    for (const type of ['beriTahu', 'tetapkanTenggat', 'arsipkan'] as const) expect(BUILTIN_EFFECTS[type].describe).toMatch(/\S/);
  });

  it('assignAgendaNumber takes any book name an office gives, and refuses one the counter cannot hold', () => {
    expect(params('assignAgendaNumber').parse({ buku: 'surat-keluar' })).toEqual({ buku: 'surat-keluar' });
    expect(params('assignAgendaNumber').parse({ buku: 'nota-dinas-2' })).toEqual({ buku: 'nota-dinas-2' });
    expect(params('assignAgendaNumber').safeParse({ buku: 'Surat Keluar' }).success).toBe(false);
    expect(params('assignAgendaNumber').safeParse({ buku: 'x'.repeat(41) }).success).toBe(false);
    expect(params('assignAgendaNumber').safeParse({ buku: '' }).success).toBe(false);
  });

  it('tetapkanTenggat takes whole working minutes, 1 to 30 service days', () => {
    expect(params('tetapkanTenggat').parse({ menitKerja: 420 })).toEqual({ menitKerja: 420 });
    const refused = params('tetapkanTenggat').safeParse({ menitKerja: 0 });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].message).toBe('menitKerja paling sedikit 1');
    expect(params('tetapkanTenggat').safeParse({ menitKerja: 1.5 }).success).toBe(false);
    expect(params('tetapkanTenggat').safeParse({ menitKerja: 30 * 420 + 1 }).success).toBe(false);
    expect(params('tetapkanTenggat').safeParse({ menitKerja: '420' }).success).toBe(false);
  });

  it('beriTahu names exactly one recipient: a role or the assignee under a role', () => {
    expect(params('beriTahu').parse({ peran: 'kasi', pesan: 'Mohon paraf.' })).toEqual({ peran: 'kasi', pesan: 'Mohon paraf.' });
    expect(params('beriTahu').parse({ ditugaskan: 'caraka' })).toEqual({ ditugaskan: 'caraka' });
    const both = params('beriTahu').safeParse({ peran: 'kasi', ditugaskan: 'caraka' });
    expect(both.error?.issues[0].message).toBe('sebutkan tepat satu penerima: "peran" atau "ditugaskan"');
    expect(params('beriTahu').safeParse({}).success).toBe(false);
    expect(params('beriTahu').safeParse({ peran: 'kasi', kepada: 'x' }).success).toBe(false);
  });

  it('arsipkan takes no params', () => {
    expect(params('arsipkan').parse({})).toEqual({});
    expect(params('arsipkan').safeParse({ kapan: 'nanti' }).success).toBe(false);
  });

  it('the "Pengiriman Berita Biasa" definition validates against the vocabulary, and a bad param is refused with the reason', () => {
    const vocabulary = { ...BUILTIN_VOCABULARY, roles: ['operator', 'kasi'] } as Parameters<typeof validateDefinition>[1];
    expect(validateDefinition(definition as WorkflowData, vocabulary)).toEqual({ ok: true });
    const broken = structuredClone(definition) as WorkflowData;
    broken.transitions[0].effects![1] = { type: 'tetapkanTenggat', params: { menitKerja: -5 } };
    const verdict = validateDefinition(broken, vocabulary);
    expect(verdict.ok).toBe(false);
    expect(JSON.stringify(verdict)).toContain('menitKerja paling sedikit 1');
  });
});

describe('the facts of a bound record', () => {
  const row = {
    id: 3,
    documentId: 'abc',
    tahap: 'diparaf',
    perihal: 'Undangan',
    tujuan: '',
    createdBy: { id: 7 },
    paraf: { parafKasi: { userId: 9, nama: 'Kartika', waktu: '2026-11-24T03:00:00.000Z' }, parafKabid: { userId: 11 } },
    penugasan: { caraka: { id: 12, nama: 'Cakra' } },
  };

  it('carries the row, who recorded it, the paraf given and by whom, and the assignees', () => {
    const facts = boundFacts(row, 'draf');
    expect(facts).toMatchObject({ tahap: 'diparaf', perihal: 'Undangan', pencatat: 7, pemaraf: [9, 11], ditugaskan: { caraka: 12 } });
    expect(boundFacts({ ...row, tahap: null, paraf: null, penugasan: null, createdBy: null }, 'draf')).toMatchObject({
      tahap: 'draf',
      pencatat: null,
      paraf: {},
      pemaraf: [],
      ditugaskan: {},
    });
  });

  it('is what the generic guards read: required fields, paraf given, four eyes, the assignee', () => {
    const context = (actorId: number) => ({
      record: boundFacts(row, 'draf'),
      input: undefined,
      actor: { id: actorId, name: 'x', roles: ['kasi'] },
      now: new Date(),
    });
    const wajib = BUILTIN_GUARDS.factNotEmpty.build({ fakta: 'tujuan', pesan: 'Tujuan wajib diisi.' });
    expect(wajib(context(1))).toBe('Tujuan wajib diisi.');
    const diparaf = BUILTIN_GUARDS.signaturesGiven.build({
      tanda: [
        { fakta: 'paraf.parafKasi', label: 'Kasi' },
        { fakta: 'paraf.parafKadis', label: 'Kadis' },
      ],
      pesan: 'Kurang: {kurang}.',
    });
    expect(diparaf(context(1))).toBe('Kurang: Kadis.');
    const bedaOrang = BUILTIN_GUARDS.notTheSamePerson.build({ fakta: 'pemaraf', pesan: 'Sudah memberi paraf.' });
    expect(bedaOrang(context(9))).toBe('Sudah memberi paraf.');
    expect(bedaOrang(context(10))).toBeNull();
    const penerima = BUILTIN_GUARDS.assignedOnly.build({ fakta: 'ditugaskan.caraka', pesan: 'Bukan Caraka yang ditugaskan.' });
    expect(penerima(context(12))).toBeNull();
    expect(penerima(context(13))).toBe('Bukan Caraka yang ditugaskan.');
  });
});
