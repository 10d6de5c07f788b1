/**
 * Every column in the schema that names a patient, and what a merge does with it. This list is data on purpose:
 * `patient-references.int.test.ts` reads the live schema (foreign keys to `patient`, and columns named like a
 * patient reference) and fails when a table appears that this list does not know, so a new feature cannot leave
 * its rows behind on a merged record.
 */

/** A reference the merge moves to the survivor, row by row, recording each row's key so an undo moves it back. */
export type MovedReference = {
  table: string;
  column: string;
  action: 'move';
  /** The columns that, with organization_id, identify a row once the patient column changes. */
  key: readonly string[];
  /**
   * Unique indexes and exclusion constraints that include the patient column, and how the merge keeps them:
   * `refuse` (a pre-check names the conflicting rows and the merge stops with 409, for a person to settle),
   * `drop-duplicate` (the survivor already has the equal row; the merged one's is removed and kept for undo),
   * `cannot-conflict` (another unique index already keeps two patients from having equal rows).
   */
  constraints: Readonly<Record<string, 'refuse' | 'drop-duplicate' | 'cannot-conflict'>>;
};

/** A reference the merge leaves where it is, and why. */
export type KeptReference = { table: string; column: string; action: 'keep'; why: string };

export type PatientReference = MovedReference | KeptReference;

export const PATIENT_REFERENCES: readonly PatientReference[] = [
  {
    table: 'appointment',
    column: 'patient_id',
    action: 'move',
    key: ['id'],
    // Both records booked at overlapping times: a person decides which visit stands.
    constraints: { appointment_no_patient_overlap: 'refuse' },
  },
  { table: 'outbox_message', column: 'patient_id', action: 'move', key: ['id'], constraints: {} },
  { table: 'sms_inbound', column: 'patient_id', action: 'move', key: ['id'], constraints: {} },
  { table: 'work_item', column: 'patient_id', action: 'move', key: ['id'], constraints: {} },
  {
    table: 'waitlist_entry',
    column: 'patient_id',
    action: 'move',
    key: ['id'],
    // Both records waiting for the same kind of visit: one entry must be cancelled first.
    constraints: { waitlist_entry_active_once: 'refuse' },
  },
  { table: 'waitlist_offer', column: 'patient_id', action: 'move', key: ['id'], constraints: {} },
  { table: 'document', column: 'patient_id', action: 'move', key: ['id'], constraints: {} },
  { table: 'disclosure', column: 'patient_id', action: 'move', key: ['id'], constraints: {} },
  { table: 'records_request', column: 'patient_id', action: 'move', key: ['id'], constraints: {} },
  {
    table: 'account_patient_link',
    column: 'patient_id',
    action: 'move',
    key: ['user_id'],
    // One portal account linked to both records keeps its link to the survivor.
    constraints: { account_patient_link_pkey: 'drop-duplicate' },
  },
  {
    table: 'patient_identifier',
    column: 'patient_id',
    action: 'move',
    key: ['system', 'value'],
    // patient_identifier_value makes (system, value) unique per organization: two patients never share one.
    constraints: { patient_identifier_pkey: 'cannot-conflict' },
  },
  { table: 'patient_proxy', column: 'patient_id', action: 'move', key: ['id'], constraints: {} },
  // A pending invitation then makes an account for the survivor; a new one replaces any earlier one.
  { table: 'portal_invitation', column: 'patient_id', action: 'move', key: ['id'], constraints: {} },
  {
    table: 'care_team_member',
    column: 'patient_id',
    action: 'move',
    key: ['id'],
    // One person on both care teams at overlapping times: one membership must be ended first.
    constraints: { care_team_member_no_overlap: 'refuse' },
  },
  {
    table: 'patient_restriction',
    column: 'patient_id',
    action: 'keep',
    why: 'the merge refuses records restricted differently (MERGE_RESTRICTION_CONFLICT), so the survivor already has the same restriction',
  },
  {
    table: 'patient_restriction_change',
    column: 'patient_id',
    action: 'keep',
    why: "the merged record's restriction history, as it happened to that record",
  },
  {
    table: 'break_glass_grant',
    column: 'patient_id',
    action: 'keep',
    why: "a grant opened one record for one person for a while; it does not widen to the survivor's record",
  },
  {
    table: 'patient_version',
    column: 'patient_id',
    action: 'keep',
    why: "the merged record's own change history; the merge adds a version saying where it went",
  },
  {
    table: 'audit_event',
    column: 'patient_id',
    action: 'keep',
    why: 'append-only (a trigger refuses updates); reads include merged ids through patientIdsMergedInto',
  },
  {
    table: 'audit_event',
    column: 'patient_ids',
    action: 'keep',
    why: 'append-only (a trigger refuses updates); reads include merged ids through patientIdsMergedInto',
  },
  { table: 'patient', column: 'merged_into', action: 'keep', why: 'the redirect itself' },
  { table: 'duplicate_candidate', column: 'patient_a_id', action: 'keep', why: 'the pair as it was judged' },
  { table: 'duplicate_candidate', column: 'patient_b_id', action: 'keep', why: 'the pair as it was judged' },
  { table: 'patient_merge', column: 'survivor_id', action: 'keep', why: 'the merge record' },
  { table: 'patient_merge', column: 'merged_id', action: 'keep', why: 'the merge record' },
];

export const MOVED_REFERENCES = PATIENT_REFERENCES.filter(
  (reference): reference is MovedReference => reference.action === 'move',
);
