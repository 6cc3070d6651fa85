/**
 * Issue 12: one registration per SOP replaces the model-keyed tables, and a structural test
 * proves every registered SOP has every part, and every effect type its definition names a
 * handler — the same check the plugin makes at boot (`registry.problems()`).
 */
import fs from 'fs';
import path from 'path';
import { SOP_REGISTRATIONS } from '../../src/sop-defs';
import { ROLE_NAMES, ROLE_SHORT_NAMES } from '../../src/domain/roles';
import { createSopRegistry, ENGINE_EFFECTS, SopRegistrationError, type SopRegistration } from '../../src/plugins/sop/server/src/index';
import { hashDefinition, validateDefinition, type WorkflowData } from '../../src/plugins/sop/server/src/engine/index';
import { APP_VOCABULARY } from '../../src/sop-defs/vocabulary';

const SOP_DEFS = path.resolve(__dirname, '..', '..', 'src', 'sop-defs');

/** A registry filled as the app fills it, with stand-ins for the calendar, mail door and read rights. */
const appRegistry = (registrations: readonly SopRegistration[] = SOP_REGISTRATIONS) => {
  const registry = createSopRegistry();
  registry.registerEffects(ENGINE_EFFECTS);
  registry.useRoles(ROLE_NAMES, ROLE_SHORT_NAMES);
  registry.useCalendar(async () => ({
    tenggat: (at) => at,
    workingMinutesBetween: () => 0,
    addWorkingMinutes: (at) => at,
    isHoliday: () => false,
    localDate: (at) => at.toISOString().slice(0, 10),
  }));
  registry.useMailer(async () => undefined);
  registry.useAccess({ mayRead: () => true, mayReadFields: () => true });
  for (const registration of registrations) registry.register(registration);
  return registry;
};

describe('every SOP is one registration with every part', () => {
  it('registers the four SOPs of the office, one folder each', () => {
    expect(SOP_REGISTRATIONS.map((registration) => registration.model).sort()).toEqual(['berita', 'distribusi', 'kriptogram', 'pengaduan']);
    for (const registration of SOP_REGISTRATIONS) {
      const folder = path.join(SOP_DEFS, registration.model);
      for (const part of ['definition.json', 'index.ts', 'facts.ts', 'governed.ts', 'workflow.ts']) {
        expect(fs.existsSync(path.join(folder, part))).toBe(true);
      }
    }
  });

  it('has a definition, a loader, governed fields and a list view, with model and uid agreeing', () => {
    for (const registration of SOP_REGISTRATIONS) {
      expect(registration.definition.model).toBe(registration.model);
      expect(registration.definition.uid).toBe(registration.uid);
      expect(typeof registration.loadRecord).toBe('function');
      expect(registration.governed.serverOwned).toEqual(expect.arrayContaining(['tahap', 'versi']));
      expect(registration.listView.list.length).toBeGreaterThan(0);
    }
  });

  it('each definition.json validates against the vocabulary and compiles to the registered workflow', () => {
    for (const registration of SOP_REGISTRATIONS) {
      const data = JSON.parse(fs.readFileSync(path.join(SOP_DEFS, registration.model, 'definition.json'), 'utf8')) as WorkflowData;
      expect(validateDefinition(data, APP_VOCABULARY)).toEqual({ ok: true });
      expect(hashDefinition(data)).toMatch(/^[0-9a-f]{64}$/);
      expect(registration.definition.states.map((state) => state.key)).toEqual(data.states.map((state) => state.key));
    }
  });

  it('leaves nothing missing: every effect has a handler, every role is known', () => {
    expect(appRegistry().problems()).toEqual([]);
  });

  it('names what is missing when an SOP brings an effect without a handler or an unknown role', () => {
    const berita = SOP_REGISTRATIONS.find((registration) => registration.model === 'berita')!;
    const broken: SopRegistration = { ...berita, effects: {} };
    const problems = appRegistry([broken]).problems();
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('SOP "berita": efek "createKartuKendali"')]));
    const stranger: SopRegistration = {
      ...berita,
      definition: { ...berita.definition, transitions: [{ ...berita.definition.transitions[0], roles: ['raja'] }] },
    };
    expect(appRegistry([stranger]).problems()).toEqual([expect.stringContaining('peran "raja"')]);
  });

  it('refuses a second SOP on the same model or content type, and a registration missing a part', () => {
    const registry = appRegistry();
    expect(() => registry.register(SOP_REGISTRATIONS[0])).toThrow(SopRegistrationError);
    const { loadRecord: _dropped, ...incomplete } = SOP_REGISTRATIONS[0];
    expect(() => createSopRegistry().register(incomplete as SopRegistration)).toThrow('loadRecord');
  });

  it("resolves an SOP's own effect before the engine's, and nothing for an unknown type", () => {
    const registry = appRegistry();
    expect(registry.effectHandler('berita', 'assignAgendaNumber')).toBe(ENGINE_EFFECTS.assignAgendaNumber);
    expect(registry.effectHandler('berita', 'recordSignature')).not.toBe(registry.effectHandler('kriptogram', 'recordSignature'));
    expect(registry.effectHandler('berita', 'tidakAda')).toBeUndefined();
  });
});
