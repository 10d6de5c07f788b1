import {
  ZCreateWorkItemRequest,
  ZUpdateWorkItemRequest,
  ZWorkItem,
  ZWorkItemList,
  ZWorkItemListQuery,
} from '@patientdesk/contracts';
import { recordAudit } from '../../platform/audit/audit.repository';
import { inTransaction } from '../../platform/db/transaction';
import { actorContext } from '../../platform/http/context';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor';
import { requireVersion } from '../../platform/http/errors';
import type { App, ServerDeps } from '../../platform/http/server';
import { changeWorkItem } from './update-work-item';
import { listWorkItemsFor } from './list-work-items';
import { openWorkItem } from './open-work-item';
import { toWorkItem } from './work-item-view';
import { worklistError } from './worklist.errors';
import { dueKeyOf, findWorkItem } from './worklist.repository';
import { ZIdParams, ZIfMatchHeaders } from '../../platform/http/route-schemas';

export function registerWorklistRoutes(app: App, deps: ServerDeps): void {
  const db = deps.database.db;

  app.get(
    '/api/work-items',
    {
      config: { permission: 'work-items:read' },
      schema: {
        tags: ['worklist'],
        summary: 'The worklist: most urgent first, then soonest due',
        querystring: ZWorkItemListQuery,
        response: { 200: ZWorkItemList },
      },
    },
    async (request) => {
      const context = actorContext(request);
      const query = request.query;
      const assignee =
        query.assigneeId === 'me'
          ? { kind: 'user' as const, id: context.actor?.id ?? '' }
          : query.assigneeId === 'none'
            ? { kind: 'none' as const }
            : query.assigneeId
              ? { kind: 'user' as const, id: query.assigneeId }
              : undefined;
      const after = query.cursor
        ? (decodeCursor(query.cursor, 'tuple') as [number, string, string])
        : undefined;
      const { rows, more } = await listWorkItemsFor(db, context, {
        queue: query.queue,
        assignee,
        statuses: query.status === 'active' ? ['open', 'in_progress'] : [query.status],
        patientId: query.patientId,
        kind: query.kind,
        after,
        limit: query.limit,
      });
      const last = rows.at(-1);
      return {
        items: rows.map(toWorkItem),
        nextCursor: more && last ? encodeCursor([last.priority, dueKeyOf(last), last.id]) : null,
      };
    },
  );

  app.get(
    '/api/work-items/:id',
    {
      config: { permission: 'work-items:read' },
      schema: {
        tags: ['worklist'],
        summary: 'One work item',
        params: ZIdParams,
        response: { 200: ZWorkItem },
      },
    },
    async (request, reply) => {
      const context = actorContext(request);
      const row = await findWorkItem(db, context.organizationId, request.params.id);
      if (!row) throw worklistError('WORK_ITEM_NOT_FOUND', 'No work item with that id.');
      if (row.patient_id) {
        await recordAudit(db, context, {
          action: 'read',
          patientId: row.patient_id,
          resourceType: 'WorkItem',
          resourceId: row.id,
        });
      }
      return reply.header('etag', `W/"${row.version}"`).send(toWorkItem(row));
    },
  );

  app.post(
    '/api/work-items',
    {
      config: { permission: 'work-items:write' },
      schema: {
        tags: ['worklist'],
        summary: 'Add a task to the worklist',
        body: ZCreateWorkItemRequest,
        response: { 201: ZWorkItem },
      },
    },
    async (request, reply) => {
      const context = actorContext(request);
      const body = request.body;
      const row = await inTransaction(db, async (trx) => {
        const { id } = await openWorkItem(
          trx,
          context,
          {
            kind: body.kind,
            title: body.title,
            patientId: body.patientId ?? null,
            queue: body.queue,
            assigneeId: body.assigneeId ?? null,
            priority: body.priority,
            dueAt: body.dueAt ? new Date(body.dueAt) : null,
          },
          deps.clock.now(),
        );
        return findWorkItem(trx, context.organizationId, id);
      });
      if (!row) throw worklistError('WORK_ITEM_NOT_FOUND', 'The item could not be read back.');
      return reply.status(201).header('etag', `W/"${row.version}"`).send(toWorkItem(row));
    },
  );

  app.patch(
    '/api/work-items/:id',
    {
      config: { permission: 'work-items:write' },
      schema: {
        tags: ['worklist'],
        summary: 'Change status, assignee, priority or queue (send If-Match with the version)',
        params: ZIdParams,
        headers: ZIfMatchHeaders,
        body: ZUpdateWorkItemRequest,
        response: { 200: ZWorkItem },
      },
    },
    async (request, reply) => {
      const version = requireVersion(request.headers['if-match']);
      const row = await changeWorkItem(
        db,
        actorContext(request),
        request.params.id,
        version,
        request.body,
        deps.clock.now(),
      );
      return reply.header('etag', `W/"${row.version}"`).send(toWorkItem(row));
    },
  );
}
