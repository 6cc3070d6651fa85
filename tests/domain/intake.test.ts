import {
  dedupeKey,
  IntakeSettingsError,
  malformedReason,
  NO_SUBJECT,
  parseIntakeSettings,
  perihalOf,
  pengirimOf,
  receivedTimeOf,
  sha256Hex,
  suggestFromMessage,
} from '../../src/domain/intake';

const noSecret = (file: string): string => {
  throw new Error(`no such file ${file}`);
};

describe('intake settings (SANAPATI_IMAP_*)', () => {
  it('is off when the host is empty or missing', () => {
    expect(parseIntakeSettings({}, noSecret)).toBeNull();
    expect(parseIntakeSettings({ SANAPATI_IMAP_HOST: '  ', SANAPATI_IMAP_USER: 'x' }, noSecret)).toBeNull();
  });

  it('fills the defaults of DESIGN.md', () => {
    expect(
      parseIntakeSettings({ SANAPATI_IMAP_HOST: 'mail.sanapati.id', SANAPATI_IMAP_USER: 'persandian', SANAPATI_IMAP_PASSWORD: 'p' }, noSecret)
    ).toEqual({
      host: 'mail.sanapati.id',
      port: 993,
      secure: true,
      user: 'persandian',
      password: 'p',
      folder: 'INBOX',
      folderSelesai: 'Diproses',
      pollSeconds: 60,
    });
  });

  it('reads every variable, and the password from a secret file', () => {
    const settings = parseIntakeSettings(
      {
        SANAPATI_IMAP_HOST: '127.0.0.1',
        SANAPATI_IMAP_PORT: '143',
        SANAPATI_IMAP_SECURE: 'false',
        SANAPATI_IMAP_USER: 'u',
        SANAPATI_IMAP_PASSWORD_FILE: '/run/secrets/imap',
        SANAPATI_IMAP_FOLDER: 'Sanapati',
        SANAPATI_IMAP_FOLDER_SELESAI: 'Arsip/Diproses',
        SANAPATI_IMAP_POLL_SECONDS: '5',
      },
      (file) => (file === '/run/secrets/imap' ? 'rahasia\n' : noSecret(file))
    );
    expect(settings).toEqual({
      host: '127.0.0.1',
      port: 143,
      secure: false,
      user: 'u',
      password: 'rahasia',
      folder: 'Sanapati',
      folderSelesai: 'Arsip/Diproses',
      pollSeconds: 5,
    });
  });

  it('names every unusable value at once, in Indonesian', () => {
    let caught: unknown;
    try {
      parseIntakeSettings(
        {
          SANAPATI_IMAP_HOST: 'h',
          SANAPATI_IMAP_PORT: '70000',
          SANAPATI_IMAP_SECURE: 'ya',
          SANAPATI_IMAP_POLL_SECONDS: '0',
          SANAPATI_IMAP_FOLDER_SELESAI: 'inbox',
        },
        noSecret
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IntakeSettingsError);
    const problems = (caught as IntakeSettingsError).problems.join('\n');
    expect(problems).toContain('SANAPATI_IMAP_PORT harus bilangan bulat 1–65535');
    expect(problems).toContain('SANAPATI_IMAP_SECURE harus "true" atau "false"');
    expect(problems).toContain('SANAPATI_IMAP_USER wajib diisi');
    expect(problems).toContain('SANAPATI_IMAP_PASSWORD atau SANAPATI_IMAP_PASSWORD_FILE wajib diisi');
    expect(problems).toContain('SANAPATI_IMAP_POLL_SECONDS harus bilangan bulat 1–86400');
    expect(problems).toContain('harus folder yang berbeda');
  });

  it('refuses both a password and a password file, and an unreadable file', () => {
    expect(() =>
      parseIntakeSettings(
        { SANAPATI_IMAP_HOST: 'h', SANAPATI_IMAP_USER: 'u', SANAPATI_IMAP_PASSWORD: 'a', SANAPATI_IMAP_PASSWORD_FILE: '/f' },
        noSecret
      )
    ).toThrow('Isi salah satu saja');
    expect(() => parseIntakeSettings({ SANAPATI_IMAP_HOST: 'h', SANAPATI_IMAP_USER: 'u', SANAPATI_IMAP_PASSWORD_FILE: '/f' }, noSecret)).toThrow(
      'tidak dapat dibaca'
    );
  });
});

describe('de-duplication key', () => {
  const raw = Buffer.from('From: a@b.c\r\n\r\nisi\r\n');
  it('is the Message-ID when there is one, whatever its brackets and spaces', () => {
    expect(dedupeKey('<abc@bssn.go.id>', raw)).toBe(dedupeKey(' abc@bssn.go.id ', Buffer.from('other bytes')));
    expect(dedupeKey('<abc@bssn.go.id>', raw)).toBe(`mid:${sha256Hex('abc@bssn.go.id')}`);
    expect(dedupeKey('<abc@bssn.go.id>', raw)).not.toBe(dedupeKey('<abd@bssn.go.id>', raw));
  });
  it('is the SHA-256 of the raw bytes without a Message-ID (never a UID)', () => {
    expect(dedupeKey(undefined, raw)).toBe(`raw:${sha256Hex(raw)}`);
    expect(dedupeKey('<>', raw)).toBe(`raw:${sha256Hex(raw)}`);
    expect(dedupeKey(null, Buffer.from('From: a@b.c\r\n\r\nisi lain\r\n'))).not.toBe(dedupeKey(null, raw));
  });
});

describe('berita fields from a message', () => {
  it('perihal: the subject, or "(tanpa perihal)"', () => {
    expect(perihalOf('  Undangan   Rapat\n Koordinasi ')).toBe('Undangan Rapat Koordinasi');
    expect(perihalOf('')).toBe(NO_SUBJECT);
    expect(perihalOf('Undangan\u0000 rapat\u000bkoordinasi\u0007')).toBe('Undangan rapat koordinasi');
    expect(perihalOf(undefined)).toBe('(tanpa perihal)');
    expect(perihalOf('x'.repeat(400))).toHaveLength(300);
  });
  it('pengirim: name and address, or the address alone', () => {
    expect(pengirimOf({ name: 'Badan Siber dan Sandi Negara', address: 'tu@bssn.go.id' })).toBe('Badan Siber dan Sandi Negara <tu@bssn.go.id>');
    expect(pengirimOf({ name: '', address: 'tu@bssn.go.id' })).toBe('tu@bssn.go.id');
    expect(pengirimOf({ name: 'x' })).toBeNull();
  });
  it('a file without headers or without a sender is not a berita', () => {
    expect(malformedReason(0, undefined)).toContain('tidak ada kepala pesan');
    expect(malformedReason(3, { address: '' })).toContain('kepala From');
    expect(malformedReason(3, { address: 'a@b.c' })).toBeNull();
  });
  it('receipt time of a file: the topmost Received date, else Date, else now', () => {
    const now = new Date('2026-11-30T01:00:00Z');
    expect(
      receivedTimeOf(
        ['from mx by mail.kota.go.id; Mon, 23 Nov 2026 10:00:05 +0700 (WIB)', 'from a by b; Mon, 23 Nov 2026 09:59:00 +0700'],
        new Date('2026-11-23T02:00:00Z'),
        now
      ).toISOString()
    ).toBe('2026-11-23T03:00:05.000Z');
    expect(receivedTimeOf(['garbage without a date'], new Date('2026-11-23T02:00:00Z'), now).toISOString()).toBe('2026-11-23T02:00:00.000Z');
    expect(receivedTimeOf([], undefined, now)).toBe(now);
  });
});

describe('suggestions for step 2 (nomor surat, tanggal surat)', () => {
  it('reads labelled lines first', () => {
    expect(suggestFromMessage('Undangan', 'Yth. Walikota\nNomor : B-123/BSSN/11/2026\nTanggal: 12 November 2026\nPerihal: Undangan')).toEqual({
      nomorSurat: 'B-123/BSSN/11/2026',
      tanggalSurat: '2026-11-12',
    });
    expect(suggestFromMessage('', 'No. 005/1.2/Diskominfo/2026, tgl 3 Agt 2026')).toEqual({
      nomorSurat: '005/1.2/Diskominfo/2026',
      tanggalSurat: '2026-08-03',
    });
  });
  it('finds a letter number and a date in the subject without labels', () => {
    expect(suggestFromMessage('Surat 060/040/III/2022 tanggal 07-03-2022 tentang rapat', null)).toEqual({
      nomorSurat: '060/040/III/2022',
      tanggalSurat: '2022-03-07',
    });
    expect(suggestFromMessage('Laporan 2026-01-31', '')).toEqual({ nomorSurat: null, tanggalSurat: '2026-01-31' });
  });
  it('suggests nothing when the message carries nothing, and no impossible dates', () => {
    expect(suggestFromMessage('Salam', 'Terima kasih atas perhatiannya.')).toEqual({ nomorSurat: null, tanggalSurat: null });
    expect(suggestFromMessage('Tanggal 31-02-2026', '')).toEqual({ nomorSurat: null, tanggalSurat: null });
  });
});
