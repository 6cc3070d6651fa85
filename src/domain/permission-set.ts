/** A role's permissions reduced to comparable strings, to tell hand edits from code changes. */
export type PermissionLike = {
  action: string;
  subject?: string | null;
  properties?: { fields?: readonly string[] | null } | null;
  conditions?: readonly string[] | null;
};

export const permissionKey = (permission: PermissionLike): string => {
  const fields = permission.properties?.fields;
  const fieldPart = fields ? [...fields].sort().join(',') : '*';
  const conditions = permission.conditions?.length ? [...permission.conditions].sort().join(',') : '';
  return [permission.action, permission.subject ?? '', fieldPart, conditions].join('|');
};

export const permissionSet = (permissions: readonly PermissionLike[]): string[] => [...new Set(permissions.map(permissionKey))].sort();

export type PermissionDiff = { added: string[]; removed: string[] };

/** What `actual` has that `expected` lacks (added) and the reverse (removed). */
export const diffPermissionSets = (expected: readonly string[], actual: readonly string[]): PermissionDiff => ({
  added: actual.filter((key) => !expected.includes(key)),
  removed: expected.filter((key) => !actual.includes(key)),
});

export const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((key, index) => key === b[index]);
