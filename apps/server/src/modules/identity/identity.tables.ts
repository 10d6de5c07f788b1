import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../platform/db/schema';
import type { MatchReason } from './match-score';

export type DuplicateCandidateTable = {
  organization_id: string;
  id: string;
  /** The pair in id order (patient_a_id < patient_b_id). */
  patient_a_id: string;
  patient_b_id: string;
  score: number;
  reasons: Json<MatchReason[]>;
  status: 'open' | 'merged' | 'not-duplicate';
  detected_at: Timestamp;
  updated_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_reason: string | null;
  merge_id: string | null;
};

export type DuplicateScanStateTable = {
  organization_id: string;
  scanned_through: Timestamp | null;
  scanned_through_id: string | null;
  patients: number | null;
  frequencies_at: Timestamp | null;
  updated_at: Timestamp;
};

export type NameFrequencyTable = {
  organization_id: string;
  kind: 'family' | 'given';
  name: string;
  patients: number;
};

export type PatientMergeTable = {
  organization_id: string;
  id: string;
  survivor_id: string;
  merged_id: string;
  reason: string;
  candidate_id: string | null;
  status: 'merged' | 'undone';
  merged_at: Timestamp;
  merged_by: string | null;
  undo_until: Timestamp;
  undone_at: Timestamp | null;
  undone_by: string | null;
  undo_reason: string | null;
  /** Rows moved per table. */
  moved: Json<Record<string, number>>;
};

export type PatientMergeRowTable = {
  organization_id: string;
  merge_id: string;
  seq: Generated<number>;
  table_name: string;
  column_name: string;
  action: 'moved' | 'removed';
  row_key: Json<Record<string, unknown>>;
  snapshot: Json<Record<string, unknown>> | null;
};

declare module '../../platform/db/schema' {
  interface Database {
    duplicate_candidate: DuplicateCandidateTable;
    duplicate_scan_state: DuplicateScanStateTable;
    name_frequency: NameFrequencyTable;
    patient_merge: PatientMergeTable;
    patient_merge_row: PatientMergeRowTable;
  }
}
