import { errors } from '@strapi/utils';
import { ALUR_UID, ALUR_VERSI_UID } from '../constants';

type DocumentContext = { uid: string; action: string };

const CLOSED = new Set<string>([ALUR_UID, ALUR_VERSI_UID]);

/**
 * A document-service middleware that closes the stored workflows and their versions to every
 * document path — the content manager (whose read permission Strapi gives Super Admin on every
 * type, hidden ones included), REST, GraphQL, other plugins — for every action. Only `/sop/alur`
 * reads and writes them (services/alur.ts, through the query engine, under "Kelola Alur SOP" and
 * with an audit row). Throws PolicyError (403) with the way in.
 */
export const alurTertutup = async (context: DocumentContext, next: () => Promise<unknown>): Promise<unknown> => {
  if (CLOSED.has(context.uid)) {
    throw new errors.PolicyError('Alur SOP hanya dapat dibaca dan diubah melalui pengaturan "Alur SOP" (/sop/alur).', { uid: context.uid });
  }
  return next();
};
