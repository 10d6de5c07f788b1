import type { z } from 'zod';
import type { ZCreatePatientMergeRequest } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit } from '../../platform/audit/audit.repository';
import type { Tx } from '../../platform/db/transaction';
import { pgErrorCode } from '../../platform/db/transaction';
import { commonError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { candidateForPair, decideCandidate, lockCandidate } from './duplicate-candidates.repository';
import { identityError } from './identity.errors';
import {
  duplicateWaitlistEntries,
  insertMerge,
  lockPatients,
  moveRows,
  overlappingAppointments,
  overlappingCareTeamMembers,
  recordMoved,
  removeDuplicateRows,
  restrictionsOf,
  setMergedInto,
  type LockedPatient,
} from './merges.repository';
import { MOVED_REFERENCES } from './patient-references';

export type MergePatientsInput = z.output<typeof ZCreatePatientMergeRequest>;

/** How long a merge can be undone. */
export const UNDO_DAYS = 30;

/**
 * Merges one record into another, in the caller's transaction: every row that names the merged record (see
 * PATIENT_REFERENCES) moves to the survivor and is recorded for undo, the merged record points at the survivor
 * (it is never deleted), the pair's candidate is closed, and both records' audit trails get the merge. Conflicts a
 * person must settle (overlapping appointments, two waitlist entries for one kind of visit) stop it with 409.
 */
export async function mergePatients(
  trx: Tx,
  context: ActorContext,
  input: MergePatientsInput,
  now: Date,
): Promise<string> {
  const organizationId = context.organizationId;
  if (input.survivorId === input.mergedId) {
    throw identityError('MERGE_SAME_PATIENT', 'A record cannot be merged into itself.', {
      fields: [{ path: 'body.mergedId', message: 'Choose another record than the survivor' }],
    });
  }
  const locked = await lockPatients(trx, organizationId, [input.survivorId, input.mergedId]);
  const survivor = locked.find((row) => row.id === input.survivorId);
  const merged = locked.find((row) => row.id === input.mergedId);
  if (!survivor || !merged) throw identityError('PATIENT_NOT_FOUND', 'No patient with that id.');
  assertNotMerged(survivor, 'survivor');
  assertNotMerged(merged, 'merged record');
  if (survivor.version !== input.survivorVersion || merged.version !== input.mergedVersion) {
    throw commonError(
      'VERSION_MISMATCH',
      'One of the records changed since you compared them. Compare them again before merging.',
    );
  }
  const candidateId = await settleCandidate(trx, organizationId, input);
  await refuseConflicts(trx, organizationId, input.survivorId, input.mergedId);

  const mergeId = uuidv7(now.getTime());
  await insertMerge(trx, organizationId, {
    id: mergeId,
    survivorId: input.survivorId,
    mergedId: input.mergedId,
    reason: input.reason,
    candidateId,
    mergedBy: context.actor?.id ?? null,
    mergedAt: now,
    undoUntil: new Date(now.getTime() + UNDO_DAYS * 86_400_000),
  });
  const moved: Record<string, number> = {};
  for (const reference of MOVED_REFERENCES) {
    let count = 0;
    for (const [, handling] of Object.entries(reference.constraints)) {
      if (handling !== 'drop-duplicate') continue;
      count += await removeDuplicateRows(
        trx,
        organizationId,
        mergeId,
        reference,
        input.survivorId,
        input.mergedId,
      );
    }
    try {
      count += await moveRows(trx, organizationId, mergeId, reference, input.survivorId, input.mergedId);
    } catch (error) {
      // The pre-checks saw nothing, but a booking made since (a race) can still collide.
      if (pgErrorCode(error) === '23P01') {
        throw identityError(
          'MERGE_APPOINTMENT_CONFLICT',
          'Both records have appointments at overlapping times.',
        );
      }
      throw error;
    }
    if (count > 0) moved[reference.table] = (moved[reference.table] ?? 0) + count;
  }
  await recordMoved(trx, organizationId, mergeId, moved);
  await setMergedInto(trx, organizationId, input.mergedId, {
    from: null,
    to: input.survivorId,
    by: context.actor?.id ?? null,
    at: now,
  });
  if (candidateId) {
    await decideCandidate(
      trx,
      organizationId,
      candidateId,
      {
        status: 'merged',
        decidedBy: context.actor?.id ?? null,
        decidedAt: now,
        reason: input.reason,
        mergeId,
      },
      now,
    );
  }
  const details = { operation: 'merge', survivorId: input.survivorId, mergedId: input.mergedId, moved };
  await recordAudit(
    trx,
    context,
    [input.survivorId, input.mergedId].map((patientId) => ({
      action: 'update' as const,
      patientId,
      resourceType: 'PatientMerge',
      resourceId: mergeId,
      reason: input.reason,
      details,
    })),
    now,
  );
  return mergeId;
}

function assertNotMerged(patient: LockedPatient, role: string): void {
  if (patient.merged_into) {
    throw identityError(
      'PATIENT_ALREADY_MERGED',
      `The ${role} was already merged into record ${patient.merged_into}; use that record instead.`,
    );
  }
}

/** The candidate this merge settles: the one named (which must be this pair and still open) or the pair's own. */
async function settleCandidate(trx: Tx, organizationId: string, input: MergePatientsInput) {
  const candidate = input.candidateId
    ? await lockCandidate(trx, organizationId, input.candidateId)
    : await candidateForPair(trx, organizationId, input.survivorId, input.mergedId);
  if (!candidate) {
    if (input.candidateId) throw identityError('CANDIDATE_NOT_FOUND', 'No duplicate candidate with that id.');
    return null;
  }
  const pair = [candidate.patient_a_id, candidate.patient_b_id];
  if (!pair.includes(input.survivorId) || !pair.includes(input.mergedId)) {
    throw identityError('CANDIDATE_MISMATCH', 'That duplicate candidate is about two other records.', {
      fields: [{ path: 'body.candidateId', message: 'Not the pair being merged' }],
    });
  }
  if (input.candidateId && candidate.status !== 'open') {
    throw identityError(
      'CANDIDATE_DECIDED',
      `That pair was already decided (${candidate.status}). Merge without naming it if you are sure.`,
    );
  }
  return candidate.id;
}

type ConflictCheck = {
  code: 'MERGE_APPOINTMENT_CONFLICT' | 'MERGE_WAITLIST_CONFLICT' | 'MERGE_CARE_TEAM_CONFLICT';
  message: string;
  path: string;
  find: typeof overlappingAppointments;
};

/**
 * How the merge finds, before moving anything, the rows that a `refuse` constraint of PATIENT_REFERENCES would
 * reject on one patient (the test of the references checks every such constraint has one).
 */
export const CONFLICT_CHECKS: Readonly<Record<string, ConflictCheck>> = {
  appointment_no_patient_overlap: {
    code: 'MERGE_APPOINTMENT_CONFLICT',
    message:
      'Both records have appointments at overlapping times. Cancel or move one of each pair, then merge.',
    path: 'appointments',
    find: overlappingAppointments,
  },
  waitlist_entry_active_once: {
    code: 'MERGE_WAITLIST_CONFLICT',
    message: 'Both records wait for the same kind of visit. Cancel one of the waitlist entries, then merge.',
    path: 'waitlistEntries',
    find: duplicateWaitlistEntries,
  },
  care_team_member_no_overlap: {
    code: 'MERGE_CARE_TEAM_CONFLICT',
    message:
      "One person is on both records' care teams at overlapping times. End one membership, then merge.",
    path: 'careTeamMembers',
    find: overlappingCareTeamMembers,
  },
};

async function refuseConflicts(trx: Tx, organizationId: string, survivorId: string, mergedId: string) {
  const restrictions = await restrictionsOf(trx, organizationId, [survivorId, mergedId]);
  const survivorRestriction = restrictions.get(survivorId) ?? { kind: null, category: null };
  const mergedRestriction = restrictions.get(mergedId) ?? { kind: null, category: null };
  if (
    survivorRestriction.kind !== mergedRestriction.kind ||
    survivorRestriction.category !== mergedRestriction.category
  ) {
    // Merging would either show a restricted record's rows under an open one, or lock a record down unasked.
    throw identityError(
      'MERGE_RESTRICTION_CONFLICT',
      'The two records are restricted differently. Give the survivor the restriction the merged record needs ' +
        '(or clear it on both), then merge.',
    );
  }
  for (const reference of MOVED_REFERENCES) {
    for (const [constraint, handling] of Object.entries(reference.constraints)) {
      if (handling !== 'refuse') continue;
      const check = CONFLICT_CHECKS[constraint];
      if (!check) throw new Error(`No conflict check for ${constraint}`);
      const rows = await check.find(trx, organizationId, survivorId, mergedId);
      if (rows.length === 0) continue;
      throw identityError(check.code, check.message, {
        fields: rows.map((row) => ({
          path: `${check.path}.${row.merged_row_id}`,
          message: `Collides with ${row.survivor_row_id} of the survivor`,
        })),
      });
    }
  }
}
