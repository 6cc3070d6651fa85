/** The request-state key under which the pengaduan intake middleware (src/middlewares/pengaduan-intake.ts) leaves what it parsed. */
export const INTAKE_STATE = 'pengaduanIntake';

/** What the intake middleware parsed from a form post: its fields, as text. */
export type IntakeState = { fields?: Record<string, string> };
