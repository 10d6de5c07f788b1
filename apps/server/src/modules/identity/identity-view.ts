import type { DuplicateCandidate, PatientMerge, PatientSummary } from '@patientdesk/contracts';
import type { MatchablePatient } from './blocking.repository';
import type { CandidateRow } from './duplicate-candidates.repository';
import type { MergeRow } from './merges.repository';

export function toPatientSummary(patient: MatchablePatient): PatientSummary {
  return {
    id: patient.id,
    mrn: patient.mrn,
    familyName: patient.family_name,
    givenNames: patient.given_names,
    preferredName: patient.preferred_name,
    birthDate: patient.birth_date,
    sex: patient.sex,
    phone: patient.phone,
  };
}

/** A stored pair for the API; the older registration comes first. */
export function toDuplicateCandidate(
  row: CandidateRow,
  patients: ReadonlyMap<string, MatchablePatient>,
): DuplicateCandidate | null {
  const a = patients.get(row.patient_a_id);
  const b = patients.get(row.patient_b_id);
  if (!a || !b) return null;
  const [first, second] = a.created_at.getTime() <= b.created_at.getTime() ? [a, b] : [b, a];
  return {
    id: row.id,
    status: row.status,
    score: Math.round(row.score * 10_000) / 10_000,
    reasons: row.reasons,
    patients: [toPatientSummary(first), toPatientSummary(second)],
    detectedAt: row.detected_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    decidedBy: row.decided_by,
    decisionReason: row.decision_reason,
    mergeId: row.merge_id,
  };
}

export function toPatientMerge(row: MergeRow): PatientMerge {
  return {
    id: row.id,
    survivorId: row.survivor_id,
    mergedId: row.merged_id,
    status: row.status,
    reason: row.reason,
    candidateId: row.candidate_id,
    mergedAt: row.merged_at.toISOString(),
    mergedBy: row.merged_by,
    undoUntil: row.undo_until.toISOString(),
    undoneAt: row.undone_at?.toISOString() ?? null,
    undoneBy: row.undone_by,
    undoReason: row.undo_reason,
    moved: Object.entries(row.moved)
      .map(([table, rows]) => ({ table, rows }))
      .sort((x, y) => x.table.localeCompare(y.table)),
  };
}
