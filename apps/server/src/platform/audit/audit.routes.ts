import { ZAuditEventList, ZAuditEventQuery } from '@patientdesk/contracts';
import { actorContext } from '../http/context';
import type { App, RouteModule, ServerDeps } from '../http/server';
import { listAuditEvents, recordAudit, type Executor } from './audit.repository';
import { decodeCursor, encodeCursor } from '../http/cursor';

/**
 * Where a patient's audit rows are: the patient's own id and the ids of records merged into it (the trail is
 * append-only, so rows written before a merge keep naming the merged record). The identity module knows merges.
 */
export type PatientIdsOf = (db: Executor, organizationId: string, patientId: string) => Promise<string[]>;

/** The audit trail for supervisors: who did what to which patient's record, and when. */
export const auditRoutes =
  (patientIdsOf: PatientIdsOf): RouteModule =>
  (app, deps) =>
    registerAuditRoutes(app, deps, patientIdsOf);

function registerAuditRoutes(app: App, deps: ServerDeps, patientIdsOf: PatientIdsOf): void {
  const db = deps.database.db;
  app.get(
    '/api/audit-events',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Audit events, newest first',
        querystring: ZAuditEventQuery,
        response: { 200: ZAuditEventList },
      },
    },
    async (request) => {
      const context = actorContext(request);
      const query = request.query;
      const rows = await listAuditEvents(db, context.organizationId, {
        patientIds: query.patientId
          ? await patientIdsOf(db, context.organizationId, query.patientId)
          : undefined,
        actorId: query.actorId,
        action: query.action,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        beforeId: query.cursor ? decodeCursor(query.cursor, 'number') : undefined,
        limit: query.limit,
      });
      const page = rows.slice(0, query.limit);
      // Reading the audit trail of a patient is itself a read of that patient's data.
      await recordAudit(db, context, {
        action: 'search',
        resourceType: 'AuditEvent',
        patientId: query.patientId ?? null,
        details: { count: page.length },
      });
      return {
        items: page.map((row) => ({
          id: String(row.id),
          occurredAt: row.occurred_at.toISOString(),
          actor: row.actor_id
            ? { id: row.actor_id, name: row.actor_name ?? 'Unknown account', role: row.actor_role }
            : null,
          action: row.action,
          outcome: row.outcome,
          patientId: row.patient_id,
          patientIds: row.patient_ids ?? [],
          resourceType: row.resource_type,
          resourceId: row.resource_id,
          sourceAddress: row.source_address,
          reason: row.reason,
          sealed: row.chain_seq !== null,
        })),
        nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)?.id ?? 0) : null,
      };
    },
  );
}
