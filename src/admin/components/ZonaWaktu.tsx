type Field = { name: string; label?: unknown; type?: string; [key: string]: unknown };
type EditLayout = { layout: Field[][][]; [key: string]: unknown };
type HookArgs = { layout: EditLayout; query: unknown };

/** The browser's zone as people say it: "WIB" for Asia/Jakarta, else the zone's name (e.g. America/New_York). */
export const zonaPeramban = (): string => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone === 'Asia/Jakarta' ? 'WIB' : `zona ${zone}, bukan WIB`;
};

/**
 * Strapi's date-time picker in the edit form shows and takes a moment in the browser's own
 * zone, which nothing in Strapi lets us change: each date-time field's label says which zone
 * it is in ("Waktu diterima (WIB)", or "(zona America/New_York, bukan WIB)" on a browser set
 * elsewhere), so no time is read as WIB when it is not. A hook of
 * `Admin/CM/pages/EditView/mutate-edit-view-layout`.
 */
export const labelZonaWaktu = ({ layout, query }: HookArgs): HookArgs => {
  const zona = zonaPeramban();
  return {
    query,
    layout: {
      ...layout,
      layout: layout.layout.map((panel) =>
        panel.map((row) =>
          row.map((field) => (field.type === 'datetime' && typeof field.label === 'string' ? { ...field, label: `${field.label} (${zona})` } : field))
        )
      ),
    },
  };
};
