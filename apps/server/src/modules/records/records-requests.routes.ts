import {
  ZAccessLog,
  ZCreateRecordsRequest,
  ZDenyRecordsRequest,
  ZDisclosure,
  ZExtendRecordsRequest,
  ZId,
  ZRecordDisclosureRequest,
  ZRecordsRequest,
  ZRecordsRequestList,
} from '@patientdesk/contracts';
import { z } from 'zod';
import type { ActorContext } from '../../platform/access/context';
import {
  patientAccessLog,
  recordAudit,
  recordShown,
  type Executor,
} from '../../platform/audit/audit.repository';
import { inTransaction } from '../../platform/db/transaction';
import { actorContext, portalContext } from '../../platform/http/context';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor';
import { requireVersion } from '../../platform/http/errors';
import type { App, ServerDeps } from '../../platform/http/server';
import { uuidv7 } from '../../platform/ids';
import type { BlobStorage } from '../../platform/storage/storage';
import { assertMayOpenRecord } from '../confidentiality';
import { patientIdsMergedInto } from '../identity';
import { recordsError } from './records.errors';
import {
  disclosuresOf,
  documentsByIds,
  findRecordsRequest,
  insertDisclosure,
  listRecordsRequests,
  patientInScope,
} from './records.repository';
import { toRecordsRequest } from './records-request-view';
import {
  createRecordsRequest,
  denyRecordsRequest,
  extendRecordsRequest,
  fulfilRecordsRequest,
  openRequestForChange,
} from './records-requests';
import { ZIdParams, ZIfMatchHeaders } from '../../platform/http/route-schemas';

const ROLE_NAMES: Record<string, string> = {
  front_desk: 'Front desk',
  billing: 'Billing',
  clinician: 'Clinician',
  supervisor: 'Supervisor',
  admin: 'Administrator',
};
const ACTION_NAMES: Record<string, string> = {
  read: 'Looked at',
  search: 'Saw in a search',
  create: 'Added',
  update: 'Changed',
  export: 'Downloaded',
  disclose: 'Shared',
  'break-glass': 'Opened in an emergency',
};

/** Right of access, accounting of disclosures, release of information, and "who looked at my record". */
export function registerRecordsRequestRoutes(app: App, deps: ServerDeps, storage: BlobStorage): void {
  const db = deps.database.db;
  const now = () => deps.clock.now();

  const view = async (executor: Executor, context: ActorContext, id: string) => {
    const row = await findRecordsRequest(executor, context, id);
    if (!row) throw recordsError('REQUEST_NOT_FOUND', 'No records request with that id.');
    return toRecordsRequest(row, await documentsByIds(executor, context, row.export_document_ids));
  };

  const listView = async (
    context: ActorContext,
    filter: { patientId?: string | undefined; status?: string | undefined },
  ) => {
    const rows = await listRecordsRequests(db, context, { ...filter, limit: 200 });
    await recordShown(
      db,
      context,
      'read',
      'RecordsRequest',
      rows.map((row) => row.patient_id),
    );
    const files = await documentsByIds(
      db,
      context,
      rows.flatMap((row) => row.export_document_ids),
    );
    return {
      items: rows.map((row) =>
        toRecordsRequest(
          row,
          files.filter((file) => row.export_document_ids.includes(file.id)),
        ),
      ),
    };
  };

  app.post(
    '/api/patients/:id/records-requests',
    {
      config: { permission: 'patients:write' },
      schema: {
        tags: ['records'],
        summary: 'Log a request for a copy of the record, an accounting of disclosures, or a release',
        params: ZIdParams,
        body: ZCreateRecordsRequest,
        response: { 201: ZRecordsRequest },
      },
    },
    async (request, reply) => {
      const context = actorContext(request);
      const body = await inTransaction(db, async (trx) => {
        const id = await createRecordsRequest(trx, context, request.params.id, request.body, {
          via: 'desk',
          now: now(),
        });
        return view(trx, context, id);
      });
      return reply.status(201).send(body);
    },
  );

  app.post(
    '/api/portal/records-requests',
    {
      config: { permission: 'portal:self' },
      schema: {
        tags: ['portal'],
        summary: 'Ask for a copy of your record, or for who your information was shared with',
        body: z.strictObject({ patientId: ZId, request: ZCreateRecordsRequest }),
        response: { 201: ZRecordsRequest },
      },
    },
    async (request, reply) => {
      const context = portalContext(request, 'records');
      if (request.body.request.kind === 'release') {
        throw recordsError(
          'KIND_NOT_ALLOWED_IN_PORTAL',
          'To send your record to someone else, contact the clinic.',
        );
      }
      const body = await inTransaction(db, async (trx) => {
        const id = await createRecordsRequest(trx, context, request.body.patientId, request.body.request, {
          via: 'portal',
          now: now(),
        });
        return view(trx, context, id);
      });
      return reply.status(201).send(body);
    },
  );

  app.get(
    '/api/records-requests',
    {
      config: { permission: 'patients:read' },
      schema: {
        tags: ['records'],
        summary: 'Records requests, soonest due first',
        querystring: z.strictObject({
          patientId: ZId.optional(),
          status: z.enum(['open', 'fulfilled', 'denied', 'withdrawn']).optional(),
        }),
        response: { 200: ZRecordsRequestList },
      },
    },
    async (request) => listView(actorContext(request), request.query),
  );

  app.get(
    '/api/portal/records-requests',
    {
      config: { permission: 'portal:self' },
      schema: {
        tags: ['portal'],
        summary: 'Your records requests and their files',
        response: { 200: ZRecordsRequestList },
      },
    },
    async (request) => listView(portalContext(request, 'records'), {}),
  );

  const change = (
    path: string,
    summary: string,
    body: z.ZodType,
    act: (
      trx: Executor,
      context: ActorContext,
      row: Awaited<ReturnType<typeof openRequestForChange>>,
      input: { reason: string },
    ) => Promise<void>,
    // Fulfilling compiles the record into files: a restricted record needs a care relationship or a grant.
    opensRecord = false,
  ) =>
    app.post(
      path,
      {
        config: { permission: 'patients:write' },
        schema: {
          tags: ['records'],
          summary,
          params: ZIdParams,
          headers: ZIfMatchHeaders,
          body,
          response: { 200: ZRecordsRequest },
        },
      },
      async (request) => {
        const context = actorContext(request);
        const version = requireVersion(request.headers['if-match']);
        const found = opensRecord ? await findRecordsRequest(db, context, request.params.id) : undefined;
        if (found) {
          // Before the transaction, so the audit entry of a refused attempt is kept.
          await assertMayOpenRecord(db, context, found.patient_id, now(), {
            action: 'export',
            resourceType: 'RecordsRequest',
            resourceId: found.id,
          });
        }
        return inTransaction(db, async (trx) => {
          const row = await openRequestForChange(trx, context, request.params.id, version);
          await act(trx, context, row, request.body as { reason: string });
          return view(trx, context, row.id);
        });
      },
    );

  change(
    '/api/records-requests/:id/fulfil',
    'Fulfil: make the copy or the accounting (If-Match)',
    z.strictObject({}),
    (trx, context, row) => fulfilRecordsRequest(trx, storage, context, row, now()),
    true,
  );
  change(
    '/api/records-requests/:id/extend',
    'Take the one 30-day extension, with the reason (If-Match)',
    ZExtendRecordsRequest,
    (trx, context, row, input) => extendRecordsRequest(trx, context, row, input.reason, now()),
  );
  change(
    '/api/records-requests/:id/deny',
    'Deny, with the written reason (If-Match)',
    ZDenyRecordsRequest,
    (trx, context, row, input) => denyRecordsRequest(trx, context, row, input.reason, now()),
  );

  app.post(
    '/api/patients/:id/disclosures',
    {
      config: { permission: 'patients:write' },
      schema: {
        tags: ['records'],
        summary: 'Record a disclosure made outside the clinic (for the accounting of disclosures)',
        params: ZIdParams,
        body: ZRecordDisclosureRequest,
        response: { 201: z.object({ id: ZId }) },
      },
    },
    async (request, reply) => {
      const context = actorContext(request);
      if (!(await patientInScope(db, context, request.params.id)))
        throw recordsError('PATIENT_NOT_FOUND', 'No patient with that id.');
      const id = uuidv7();
      const body = request.body;
      await inTransaction(db, async (trx) => {
        await insertDisclosure(trx, context, {
          id,
          patientId: request.params.id,
          disclosedAt: new Date(body.disclosedAt),
          recipientName: body.recipientName,
          recipientAddress: body.recipientAddress ?? null,
          purpose: body.purpose,
          description: body.description,
          legalBasis: body.legalBasis,
          authorizationDocumentId: body.authorizationDocumentId ?? null,
          recordsRequestId: null,
        });
        await recordAudit(trx, context, {
          action: 'disclose',
          patientId: request.params.id,
          resourceType: 'Disclosure',
          resourceId: id,
        });
      });
      return reply.status(201).send({ id });
    },
  );

  app.get(
    '/api/patients/:id/disclosures',
    {
      config: { permission: 'patients:read' },
      schema: {
        tags: ['records'],
        summary: 'Disclosures of a patient’s information in the last six years',
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZDisclosure) }) },
      },
    },
    async (request) => {
      const context = actorContext(request);
      await assertMayOpenRecord(db, context, request.params.id, now(), {
        action: 'read',
        resourceType: 'Disclosure',
      });
      const since = now();
      since.setUTCFullYear(since.getUTCFullYear() - 6);
      const rows = await disclosuresOf(db, context, request.params.id, { since, accountableOnly: false });
      await recordShown(db, context, 'read', 'Disclosure', rows.length ? [request.params.id] : []);
      return {
        items: rows.map((row) => ({
          id: row.id,
          patientId: row.patient_id,
          disclosedAt: row.disclosed_at.toISOString(),
          recipientName: row.recipient_name,
          recipientAddress: row.recipient_address,
          purpose: row.purpose,
          description: row.description,
          legalBasis: row.legal_basis as z.infer<typeof ZDisclosure>['legalBasis'],
          accountable: !['authorization', 'treatment-payment-operations'].includes(row.legal_basis),
        })),
      };
    },
  );

  app.get(
    '/api/portal/patients/:id/access-log',
    {
      config: { permission: 'portal:self' },
      schema: {
        tags: ['portal'],
        summary: 'Who at the clinic looked at or changed your record',
        params: ZIdParams,
        querystring: z.strictObject({
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
        response: { 200: ZAccessLog },
      },
    },
    async (request) => {
      const context = portalContext(request, 'records');
      if (!(await patientInScope(db, context, request.params.id)))
        throw recordsError('PATIENT_NOT_FOUND', 'No patient with that id.');
      // Rows written before a merge name the merged record: the log reads them too.
      const patientIds = await patientIdsMergedInto(db, context.organizationId, request.params.id);
      const rows = await patientAccessLog(db, context.organizationId, patientIds, {
        beforeId: request.query.cursor ? decodeCursor(request.query.cursor, 'number') : undefined,
        limit: request.query.limit,
      });
      const page = rows.slice(0, request.query.limit);
      return {
        items: page.map((row) => ({
          at: row.occurred_at.toISOString(),
          who: row.display_name,
          role: ROLE_NAMES[row.actor_role ?? ''] ?? 'Staff',
          what: `${ACTION_NAMES[row.action] ?? 'Used'} ${(row.resource_type ?? 'record').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`,
        })),
        nextCursor: rows.length > request.query.limit ? encodeCursor(page.at(-1)?.id ?? 0) : null,
      };
    },
  );
}
