import {
  ZCreatePatientMergeRequest,
  ZDismissDuplicateRequest,
  ZDuplicateCandidate,
  ZDuplicateCandidateList,
  ZDuplicateCandidateListQuery,
  ZDuplicateCheckRequest,
  ZDuplicateCheckResult,
  ZId,
  ZPatientMerge,
  ZUndoPatientMergeRequest,
  type DuplicateCandidate,
} from '@patientdesk/contracts';
import { actorContext } from '../../platform/http/context';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor';
import { commonError } from '../../platform/http/errors';
import { withIdempotency } from '../../platform/http/idempotency';
import type { App, ServerDeps } from '../../platform/http/server';
import { checkDuplicates } from './check-duplicates';
import { dismissDuplicateCandidate } from './dismiss-duplicate-candidate';
import { getPatientMerge } from './get-patient-merge';
import { identityError } from './identity.errors';
import { toDuplicateCandidate, toPatientMerge, toPatientSummary } from './identity-view';
import { listDuplicateCandidates, readDuplicateCandidate } from './list-duplicate-candidates';
import { mergePatients } from './merge-patients';
import { survivorOf } from './merged-patients';
import { findMerge } from './merges.repository';
import { undoPatientMerge } from './undo-patient-merge';
import { ZIdParams, ZIdempotencyHeaders } from '../../platform/http/route-schemas';

/** Duplicate detection (the desk's check before saving, the supervisor's list) and merging records. */
export function registerIdentityRoutes(app: App, deps: ServerDeps): void {
  const db = deps.database.db;
  const now = () => deps.clock.now();

  app.post(
    '/api/patients/duplicate-check',
    {
      config: { permission: 'patients:write' },
      schema: {
        tags: ['patients'],
        summary: 'Records a registration about to be saved may duplicate, best first, with the reasons',
        body: ZDuplicateCheckRequest,
        response: { 200: ZDuplicateCheckResult },
      },
    },
    async (request) => {
      const matches = await checkDuplicates(db, actorContext(request), request.body);
      return {
        matches: matches.map((match) => ({
          patient: toPatientSummary(match.patient),
          score: match.result.score,
          level: match.level,
          reasons: match.result.reasons,
        })),
      };
    },
  );

  app.get(
    '/api/duplicate-candidates',
    {
      config: { permission: 'patients:merge' },
      schema: {
        tags: ['patients'],
        summary: 'Pairs of records that may be one person, best first (open ones by default)',
        querystring: ZDuplicateCandidateListQuery,
        response: { 200: ZDuplicateCandidateList },
      },
    },
    async (request) => {
      const query = request.query;
      const after = query.cursor ? candidateCursor(query.cursor) : undefined;
      const { rows, patients, more } = await listDuplicateCandidates(db, actorContext(request), {
        status: query.status,
        minScore: query.minScore,
        patientId: query.patientId,
        after,
        limit: query.limit,
      });
      const last = rows.at(-1);
      return {
        items: rows
          .map((row) => toDuplicateCandidate(row, patients))
          .filter((item): item is DuplicateCandidate => item !== null),
        nextCursor: more && last ? encodeCursor([last.score, last.id]) : null,
      };
    },
  );

  app.post(
    '/api/duplicate-candidates/:id/dismiss',
    {
      config: { permission: 'patients:merge' },
      schema: {
        tags: ['patients'],
        summary: 'Record that a pair is not one person (remembered: the pair is not raised again)',
        params: ZIdParams,
        body: ZDismissDuplicateRequest.optional(),
        response: { 200: ZDuplicateCandidate },
      },
    },
    async (request) => {
      const context = actorContext(request);
      await dismissDuplicateCandidate(
        db,
        deps.clock,
        context,
        request.params.id,
        request.body?.reason ?? null,
      );
      const { row, patients } = await readDuplicateCandidate(db, context, request.params.id);
      const candidate = toDuplicateCandidate(row, patients);
      if (!candidate) throw identityError('CANDIDATE_NOT_FOUND', 'No duplicate candidate with that id.');
      return candidate;
    },
  );

  app.post(
    '/api/patient-merges',
    {
      config: { permission: 'patients:merge' },
      schema: {
        tags: ['patients'],
        summary:
          'Merge one record into another: everything that names it moves to the survivor (undo within 30 days). ' +
          'Send both versions you compared, and an Idempotency-Key.',
        headers: ZIdempotencyHeaders,
        body: ZCreatePatientMergeRequest,
        response: { 201: ZPatientMerge },
      },
    },
    async (request, reply) => {
      const context = actorContext(request);
      const result = await withIdempotency(
        db,
        context,
        request.headers['idempotency-key'],
        request.body,
        async (trx) => {
          const id = await mergePatients(trx, context, request.body, now());
          const merge = await findMerge(trx, context.organizationId, id);
          if (!merge) throw identityError('MERGE_NOT_FOUND', 'The merge could not be read back.');
          return { status: 201, body: toPatientMerge(merge) };
        },
      );
      return reply
        .status(201)
        .header('location', `/api/patient-merges/${result.body.id}`)
        .header('idempotent-replayed', String(result.replayed))
        .send(result.body);
    },
  );

  app.get(
    '/api/patient-merges/:id',
    {
      config: { permission: 'patients:merge' },
      schema: {
        tags: ['patients'],
        summary:
          'One merge: the two records, who merged them and why, what moved, and until when it can be undone',
        params: ZIdParams,
        response: { 200: ZPatientMerge },
      },
    },
    async (request) => toPatientMerge(await getPatientMerge(db, actorContext(request), request.params.id)),
  );

  app.post(
    '/api/patient-merges/:id/undo',
    {
      config: { permission: 'patients:merge' },
      schema: {
        tags: ['patients'],
        summary:
          'Undo a merge within 30 days: exactly the rows it moved go back (409 MERGE_UNDO_EXPIRED after that)',
        headers: ZIdempotencyHeaders,
        params: ZIdParams,
        body: ZUndoPatientMergeRequest,
        response: { 200: ZPatientMerge },
      },
    },
    async (request, reply) => {
      const context = actorContext(request);
      const result = await withIdempotency(
        db,
        context,
        request.headers['idempotency-key'],
        { mergeId: request.params.id, ...request.body },
        async (trx) => {
          await undoPatientMerge(trx, context, request.params.id, request.body.reason, now());
          const merge = await findMerge(trx, context.organizationId, request.params.id);
          if (!merge) throw identityError('MERGE_NOT_FOUND', 'No merge with that id.');
          return { status: 200, body: toPatientMerge(merge) };
        },
      );
      return reply.header('idempotent-replayed', String(result.replayed)).send(result.body);
    },
  );

  redirectMergedPatients(app, deps);
}

/** The keyset position a candidate page's cursor holds: the last pair's score and id. */
function candidateCursor(cursor: string): { score: number; id: string } {
  const [score, id] = decodeCursor(cursor, 'tuple');
  const parsed = ZId.safeParse(id);
  if (typeof score !== 'number' || !parsed.success) {
    throw commonError('VALIDATION_FAILED', 'The cursor is not valid. Start again from the first page.', {
      fields: [{ path: 'query.cursor', message: 'Not a cursor this list gave out' }],
    });
  }
  return { score, id: parsed.data };
}

/**
 * A merged record's address answers for the survivor: a read (GET, HEAD) of `/api/patients/{merged}` or of any of
 * its sub-resources is a 307 to the same path on the survivor; a write is a 409 PATIENT_MERGED naming it.
 *
 * 307, not 301/308: a merge can be undone for 30 days, and clients may cache a permanent redirect (RFC 9111
 * 4.2.2) and keep sending people to the survivor after an undo. fetch() and other HTTP clients follow a 307 on
 * their own, with the session cookie (same origin), so links and bookmarks keep working, and a client that cares
 * sees `response.redirected`. Writes are never redirected: the caller's If-Match is for the merged record.
 */
function redirectMergedPatients(app: App, deps: ServerDeps): void {
  const db = deps.database.db;
  app.addHook('preHandler', async (request, reply) => {
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/patients/:id') || !request.auth) return;
    const id = (request.params as { id?: unknown }).id;
    if (typeof id !== 'string') return;
    const survivor = await survivorOf(db, request.auth.organizationId, id);
    if (!survivor) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw identityError(
        'PATIENT_MERGED',
        `This record was merged into record ${survivor}. Make the change there.`,
      );
    }
    const [path = '', query] = request.url.split('?');
    const location = path.replace(`/api/patients/${id}`, `/api/patients/${survivor}`);
    return reply
      .status(307)
      .header('location', query === undefined ? location : `${location}?${query}`)
      .header('cache-control', 'no-store')
      .header('link', `</api/patients/${survivor}>; rel="replaced-by"`)
      .send({ mergedInto: survivor });
  });
}
