import type { ActorContext } from '../../platform/access/context';
import { recordAudit, recordShown } from '../../platform/audit/audit.repository';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { toBreakGlassGrantReview } from './confidentiality-view';
import { confidentialityError } from './confidentiality.errors';
import { findGrantReview, listGrantReviews, type GrantFilter } from './break-glass.repository';

/** Grants for reviewers: the unreviewed queue oldest first, or the history newest first. Audited as shown. */
export async function listBreakGlassGrants(db: Db, clock: Clock, context: ActorContext, filter: GrantFilter) {
  const now = clock.now();
  const rows = await listGrantReviews(db, context.organizationId, filter);
  const page = rows.slice(0, filter.limit);
  await recordShown(
    db,
    context,
    'read',
    'BreakGlassGrant',
    page.map((row) => row.patient_id),
  );
  const last = page.at(-1);
  return {
    items: page.map((row) => toBreakGlassGrantReview(row, now)),
    next: rows.length > filter.limit && last ? ([last.granted_at.toISOString(), last.id] as const) : null,
  };
}

/** One grant, with the requester's own words and the review; the read is audited. */
export async function getBreakGlassGrant(db: Db, clock: Clock, context: ActorContext, id: string) {
  const row = await findGrantReview(db, context.organizationId, id);
  if (!row) throw confidentialityError('GRANT_NOT_FOUND', 'No break-the-glass grant with that id.');
  await recordAudit(db, context, {
    action: 'read',
    patientId: row.patient_id,
    resourceType: 'BreakGlassGrant',
    resourceId: row.id,
  });
  return toBreakGlassGrantReview(row, clock.now());
}
