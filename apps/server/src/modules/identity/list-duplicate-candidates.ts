import type { ActorContext } from '../../platform/access/context';
import { recordShown } from '../../platform/audit/audit.repository';
import type { Db } from '../../platform/db/database';
import { identityError } from './identity.errors';
import { patientsForMatching, type MatchablePatient } from './blocking.repository';
import { findCandidate, listCandidates, type CandidateRow } from './duplicate-candidates.repository';

export type CandidateListFilter = {
  status: CandidateRow['status'];
  minScore: number | undefined;
  patientId: string | undefined;
  after: { score: number; id: string } | undefined;
  limit: number;
};

/**
 * The supervisor's list of likely duplicates, best first, with both records of each pair. Every patient shown is
 * audited (one event naming them all).
 */
export async function listDuplicateCandidates(db: Db, context: ActorContext, filter: CandidateListFilter) {
  const rows = await listCandidates(db, context.organizationId, filter);
  const page = rows.slice(0, filter.limit);
  const patients = new Map<string, MatchablePatient>(
    (
      await patientsForMatching(
        db,
        context.organizationId,
        page.flatMap((row) => [row.patient_a_id, row.patient_b_id]),
      )
    ).map((patient) => [patient.id, patient]),
  );
  await recordShown(
    db,
    context,
    'read',
    'Patient',
    page.flatMap((row) => [row.patient_a_id, row.patient_b_id]),
  );
  return { rows: page, patients, more: rows.length > filter.limit };
}

/** One pair with both records (audited as a read of both). */
export async function readDuplicateCandidate(db: Db, context: ActorContext, id: string) {
  const row = await findCandidate(db, context.organizationId, id);
  if (!row) throw identityError('CANDIDATE_NOT_FOUND', 'No duplicate candidate with that id.');
  const patients = new Map(
    (await patientsForMatching(db, context.organizationId, [row.patient_a_id, row.patient_b_id])).map(
      (patient) => [patient.id, patient] as const,
    ),
  );
  await recordShown(db, context, 'read', 'Patient', [row.patient_a_id, row.patient_b_id]);
  return { row, patients };
}
