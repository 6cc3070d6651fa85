// Moved into the SOP engine plugin; this path stays until every caller imports it from there.
import { auditKeySecret } from '../config/secrets';
import { useAuditKeySource } from '../plugins/sop/server/src/services/audit';

// The audit trail's keys are the app's secret (AUDIT_KEY, or derived from ENCRYPTION_KEY).
useAuditKeySource(auditKeySecret);

export * from '../plugins/sop/server/src/services/audit';
