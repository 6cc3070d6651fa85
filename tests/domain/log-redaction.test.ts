import { REDACTED, redactUrl } from '../../src/domain/log-redaction';

describe('redactUrl: secrets out of access-log lines', () => {
  it('redacts the tracking code wherever it appears in the query, leaving the rest', () => {
    expect(redactUrl('/api/pengaduan/lacak/ADU-2026-000001?kode=AB12-CD34')).toBe(`/api/pengaduan/lacak/ADU-2026-000001?kode=${REDACTED}`);
    // a signed file link replays as its user for minutes: its token stays out of the log too
    expect(redactUrl('/berkas/abc123.pdf?token=7.1764480000.deadbeef')).toBe(`/berkas/abc123.pdf?token=${REDACTED}`);
    expect(redactUrl('/pengaduan/lacak?nomor=ADU-2026-000001&kode=AB12-CD34&x=1')).toBe(
      `/pengaduan/lacak?nomor=ADU-2026-000001&kode=${REDACTED}&x=1`
    );
    expect(redactUrl('/x?kode=a&kode=b')).toBe(`/x?kode=${REDACTED}&kode=${REDACTED}`);
  });

  it('knows the name in any case, percent-encoded, bracketed, or as kodeLacak', () => {
    expect(redactUrl('/x?KODE=rahasia')).toBe(`/x?KODE=${REDACTED}`);
    expect(redactUrl('/x?%6Bode=rahasia')).toBe(`/x?%6Bode=${REDACTED}`);
    expect(redactUrl('/x?kode[$ne]=rahasia&filters[kodeLacak][$eq]=rahasia')).toBe(`/x?kode[$ne]=${REDACTED}&filters[kodeLacak][$eq]=${REDACTED}`);
    expect(redactUrl('/x?kode%5B%5D=rahasia')).toBe(`/x?kode%5B%5D=${REDACTED}`);
    expect(redactUrl('/x?kode')).toBe(`/x?kode=${REDACTED}`);
  });

  it('leaves other parameters and addresses without a query as they are, even malformed ones', () => {
    expect(redactUrl('/pengaduan/lacak')).toBe('/pengaduan/lacak');
    expect(redactUrl('/x?kodepos=51111&nomor=1&%E0%A4%A=2')).toBe('/x?kodepos=51111&nomor=1&%E0%A4%A=2');
    expect(redactUrl('/x?')).toBe('/x?');
  });
});
