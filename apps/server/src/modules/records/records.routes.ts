import {
  PORTAL_DOCUMENT_KINDS,
  ZDocument,
  ZDocumentList,
  ZUploadDocumentQuery,
  ZVoidDocumentRequest,
} from '@patientdesk/contracts';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type z } from 'zod';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit, recordShown } from '../../platform/audit/audit.repository';
import { inTransaction } from '../../platform/db/transaction';
import { actorContext, portalContext } from '../../platform/http/context';
import type { App, ServerDeps } from '../../platform/http/server';
import type { BlobStorage } from '../../platform/storage/storage';
import { assertMayOpenRecord } from '../confidentiality';
import { toDocument } from './document-view';
import { downloadDocument } from './download-document';
import { recordsError } from './records.errors';
import { documentsOfPatient, findDocument, patientInScope, voidDocument } from './records.repository';
import { extensionOf, type DocumentContentType } from './sniff-content-type';
import { uploadDocument } from './upload-document';
import { registerRecordsRequestRoutes } from './records-requests.routes';
import { ZIdParams } from '../../platform/http/route-schemas';

const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'application/octet-stream'];

/** Documents on a patient's record, for the desk and (their own) for patients in the portal. */
export function recordsRoutes(storage: BlobStorage) {
  return (app: App, deps: ServerDeps): void => {
    const db = deps.database.db;
    const maxBytes = deps.config.documentMaxBytes;
    registerRecordsRequestRoutes(app, deps, storage);

    const send = (reply: FastifyReply, row: { kind: string; content_type: string }, bytes: Buffer) =>
      reply
        .type(row.content_type)
        .header(
          'content-disposition',
          `attachment; filename="${row.kind}.${extensionOf(row.content_type as DocumentContentType)}"`,
        )
        .header('content-length', String(bytes.length))
        .send(bytes);

    const list = async (context: ActorContext, patientId: string) => {
      if (!(await patientInScope(db, context, patientId))) {
        throw recordsError('PATIENT_NOT_FOUND', 'No patient with that id.');
      }
      await assertMayOpenRecord(db, context, patientId, deps.clock.now(), {
        action: 'read',
        resourceType: 'Document',
      });
      const rows = await documentsOfPatient(db, context, patientId);
      await recordShown(db, context, 'read', 'Document', rows.length ? [patientId] : []);
      return { items: rows.map(toDocument) };
    };

    // Uploads carry the raw file as the body, so this scope reads binary bodies up to the document limit.
    void app.register(async (plain) => {
      const scope = plain.withTypeProvider<ZodTypeProvider>();
      scope.addContentTypeParser(
        UPLOAD_TYPES,
        { parseAs: 'buffer', bodyLimit: maxBytes + 1 },
        (_request, body, done) => done(null, body),
      );
      const upload =
        (via: 'desk' | 'portal', kinds: readonly string[] | null) =>
        async (
          request: { params: { id: string }; query: z.infer<typeof ZUploadDocumentQuery>; body: unknown },
          reply: FastifyReply,
          context: ActorContext,
        ) => {
          if (kinds && !kinds.includes(request.query.kind)) {
            throw recordsError(
              'KIND_NOT_ALLOWED',
              'You can upload ID and insurance card images, or other documents.',
            );
          }
          if (!Buffer.isBuffer(request.body)) {
            throw recordsError(
              'DOCUMENT_TYPE_NOT_ALLOWED',
              'Send the file itself as the body (a PDF, JPEG, PNG or HEIC).',
            );
          }
          const row = await uploadDocument(
            db,
            storage,
            context,
            {
              patientId: request.params.id,
              kind: request.query.kind,
              title: request.query.title,
              bytes: request.body,
              via,
            },
            { maxBytes },
          );
          return reply.status(201).header('location', `/api/documents/${row.id}`).send(toDocument(row));
        };

      scope.post(
        '/api/patients/:id/documents',
        {
          config: { permission: 'patients:write' },
          bodyLimit: maxBytes + 1,
          schema: {
            tags: ['records'],
            summary: 'Upload a document to a patient’s record (the body is the file: PDF, JPEG, PNG or HEIC)',
            params: ZIdParams,
            querystring: ZUploadDocumentQuery,
            response: { 201: ZDocument },
          },
        },
        async (request, reply) => upload('desk', null)(request, reply, actorContext(request)),
      );

      scope.post(
        '/api/portal/patients/:id/documents',
        {
          config: { permission: 'portal:self' },
          bodyLimit: maxBytes + 1,
          schema: {
            tags: ['portal'],
            summary: 'Upload a photo of an ID or insurance card (the body is the file)',
            params: ZIdParams,
            querystring: ZUploadDocumentQuery,
            response: { 201: ZDocument },
          },
        },
        async (request, reply) =>
          upload('portal', PORTAL_DOCUMENT_KINDS)(request, reply, portalContext(request, 'forms')),
      );
    });

    app.get(
      '/api/patients/:id/documents',
      {
        config: { permission: 'patients:read' },
        schema: {
          tags: ['records'],
          summary: 'A patient’s documents, newest first',
          params: ZIdParams,
          response: { 200: ZDocumentList },
        },
      },
      async (request) => list(actorContext(request), request.params.id),
    );

    app.get(
      '/api/portal/patients/:id/documents',
      {
        config: { permission: 'portal:self' },
        schema: {
          tags: ['portal'],
          summary: 'The documents on your record',
          params: ZIdParams,
          response: { 200: ZDocumentList },
        },
      },
      async (request) => list(portalContext(request, 'records'), request.params.id),
    );

    app.get(
      '/api/documents/:id/content',
      {
        config: { permission: 'patients:read' },
        schema: { tags: ['records'], summary: 'Download a document (audited)', params: ZIdParams },
      },
      async (request, reply) => {
        const { row, bytes } = await downloadDocument(
          db,
          storage,
          actorContext(request),
          request.params.id,
          deps.clock.now(),
        );
        return send(reply, row, bytes);
      },
    );

    app.get(
      '/api/portal/documents/:id/content',
      {
        config: { permission: 'portal:self' },
        schema: { tags: ['portal'], summary: 'Download a document on your record', params: ZIdParams },
      },
      async (request, reply) => {
        const { row, bytes } = await downloadDocument(
          db,
          storage,
          portalContext(request, 'records'),
          request.params.id,
          deps.clock.now(),
        );
        return send(reply, row, bytes);
      },
    );

    app.post(
      '/api/documents/:id/void',
      {
        config: { permission: 'patients:write' },
        schema: {
          tags: ['records'],
          summary: 'Void a document uploaded in error (it is kept, marked void, with who and why)',
          params: ZIdParams,
          body: ZVoidDocumentRequest,
          response: { 200: ZDocument },
        },
      },
      async (request) => {
        const context = actorContext(request);
        const now = deps.clock.now();
        await inTransaction(db, async (trx) => {
          const row = await findDocument(trx, context, request.params.id);
          if (!row) throw recordsError('DOCUMENT_NOT_FOUND', 'No document with that id.');
          if (!(await voidDocument(trx, context, row.id, request.body.reason, now))) {
            throw recordsError('DOCUMENT_VOIDED', 'This document was already voided.');
          }
          await recordAudit(trx, context, {
            action: 'update',
            patientId: row.patient_id,
            resourceType: 'Document',
            resourceId: row.id,
            reason: request.body.reason,
            details: { voided: true },
          });
        });
        const row = await findDocument(db, context, request.params.id);
        if (!row) throw recordsError('DOCUMENT_NOT_FOUND', 'No document with that id.');
        return toDocument(row);
      },
    );
  };
}
