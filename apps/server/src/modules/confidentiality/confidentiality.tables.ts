import type {
  BreakGlassReason,
  RestrictionKind,
  SensitiveCategory,
  CARE_TEAM_ROLES,
} from '@patientdesk/contracts';
import type { Timestamp } from '../../platform/db/schema';

export type CareTeamRole = (typeof CARE_TEAM_ROLES)[number];

/** A patient's current restriction; `kind` null once cleared (the row stays, so its version keeps counting). */
export type PatientRestrictionTable = {
  organization_id: string;
  patient_id: string;
  kind: RestrictionKind | null;
  category: SensitiveCategory | null;
  reason: string | null;
  set_by: string | null;
  set_at: Timestamp | null;
  version: number;
  updated_at: Timestamp;
};

/** Every set and clear of a restriction, with who, when and why. */
export type PatientRestrictionChangeTable = {
  organization_id: string;
  id: string;
  patient_id: string;
  action: 'set' | 'clear';
  kind: RestrictionKind | null;
  category: SensitiveCategory | null;
  reason: string;
  changed_by: string;
  changed_at: Timestamp;
};

export type CareTeamMemberTable = {
  organization_id: string;
  id: string;
  patient_id: string;
  user_id: string;
  role: CareTeamRole;
  starts_at: Timestamp;
  ends_at: Timestamp | null;
  added_by: string;
  added_at: Timestamp;
  ended_by: string | null;
  end_reason: string | null;
};

export type BreakGlassGrantTable = {
  organization_id: string;
  id: string;
  patient_id: string;
  user_id: string;
  reason: BreakGlassReason;
  detail: string;
  restriction_kind: RestrictionKind;
  granted_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  review_outcome: 'appropriate' | 'inappropriate' | null;
  review_note: string | null;
};

declare module '../../platform/db/schema' {
  interface Database {
    patient_restriction: PatientRestrictionTable;
    patient_restriction_change: PatientRestrictionChangeTable;
    care_team_member: CareTeamMemberTable;
    break_glass_grant: BreakGlassGrantTable;
  }
}
