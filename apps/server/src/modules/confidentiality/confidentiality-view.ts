import type {
  BreakGlassGrant,
  BreakGlassGrantReview,
  CareTeamMember,
  PatientRestriction,
} from '@patientdesk/contracts';
import type { Role } from '@patientdesk/contracts';
import { grantIsActive } from './access-rules';
import type { GrantReviewRow, GrantRow } from './break-glass.repository';
import type { CareTeamMemberRow, RestrictionChangeRow, RestrictionRow } from './confidentiality.repository';

export function toPatientRestriction(
  patientId: string,
  row: RestrictionRow | undefined,
  history: readonly RestrictionChangeRow[],
): PatientRestriction {
  const restricted = row?.kind != null;
  return {
    patientId,
    restricted,
    kind: row?.kind ?? null,
    category: row?.category ?? null,
    reason: row?.reason ?? null,
    setBy: row?.set_by ? { id: row.set_by, name: row.set_by_name ?? 'Unknown' } : null,
    setAt: row?.set_at?.toISOString() ?? null,
    version: row?.version ?? 0,
    history: history.map((change) => ({
      action: change.action,
      kind: change.kind,
      category: change.category,
      reason: change.reason,
      by: { id: change.changed_by, name: change.changed_by_name },
      at: change.changed_at.toISOString(),
    })),
  };
}

export function toCareTeamMember(row: CareTeamMemberRow, now: Date): CareTeamMember {
  return {
    id: row.id,
    patientId: row.patient_id,
    user: { id: row.user_id, name: row.user_name, role: row.user_role },
    role: row.role,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at?.toISOString() ?? null,
    current: row.starts_at <= now && (row.ends_at === null || row.ends_at > now),
    addedBy: { id: row.added_by, name: row.added_by_name },
    addedAt: row.added_at.toISOString(),
    endedBy: row.ended_by ? { id: row.ended_by, name: row.ended_by_name ?? 'Unknown' } : null,
    endReason: row.end_reason,
  };
}

export function toBreakGlassGrant(row: GrantRow): BreakGlassGrant {
  return {
    id: row.id,
    patientId: row.patient_id,
    reason: row.reason,
    grantedAt: row.granted_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
  };
}

export function toBreakGlassGrantReview(row: GrantReviewRow, now: Date): BreakGlassGrantReview {
  return {
    ...toBreakGlassGrant(row),
    patient: {
      id: row.patient_id,
      name: `${row.patient_family_name}, ${row.patient_given_names}`,
      mrn: row.patient_mrn,
    },
    actor: { id: row.user_id, name: row.user_name, role: row.user_role as Role },
    detail: row.detail,
    restrictionKind: row.restriction_kind,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    active: grantIsActive(row, now),
    review:
      row.review_outcome && row.reviewed_by && row.reviewed_at
        ? {
            outcome: row.review_outcome,
            note: row.review_note,
            by: { id: row.reviewed_by, name: row.reviewed_by_name ?? 'Unknown' },
            at: row.reviewed_at.toISOString(),
          }
        : null,
  };
}
