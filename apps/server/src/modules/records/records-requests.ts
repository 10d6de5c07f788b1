import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { ZCreateRecordsRequest } from '@patientdesk/contracts';
import type { ActorContext } from '../../platform/access/context';
import { recordAudit, type Executor } from '../../platform/audit/audit.repository';
import { organizationSettings } from '../../platform/auth/auth.repository';
import { commonError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { storageKey, type BlobStorage } from '../../platform/storage/storage';
import { findPatientRecord } from '../patients';
import { appointmentsOfPatient } from '../scheduling';
import { closeWorkItemsFor, openWorkItem } from '../worklist';
import { patientBundle } from './fhir-export';
import { recordsError } from './records.errors';
import {
  countAccountingsSince,
  disclosuresOf,
  documentsByIds,
  documentsOfPatient,
  findRecordsRequest,
  insertDisclosure,
  insertDocument,
  insertRecordsRequest,
  patientInScope,
  updateRecordsRequest,
  type RecordsRequestRow,
} from './records.repository';
import { accountingPdf, patientRecordPdf } from './records-pdf';

const DAY = 86_400_000;
// 45 CFR 164.524(b)(2)(i): act on a request for access within 30 days; 164.528(c)(1): an accounting within 60.
const DUE_DAYS = { access: 30, accounting: 60, release: 30 } as const;
// 164.524(b)(2)(ii) and 164.528(c)(1)(ii): one extension of at most 30 days, with a written reason.
const EXTENSION_DAYS = 30;
// 164.528(a)(1): an accounting covers the six years before the request.
const ACCOUNTING_YEARS = 6;

export type CreateRecordsRequestInput = z.output<typeof ZCreateRecordsRequest>;

const WORK_TITLES = {
  access: 'Records request: send the patient a copy of their record',
  accounting: 'Records request: accounting of disclosures',
  release: 'Release of information to a third party',
} as const;

/** A patient's (or the desk's) request, with its legal clock on the worklist. */
export async function createRecordsRequest(
  trx: Executor,
  context: ActorContext,
  patientId: string,
  input: CreateRecordsRequestInput,
  options: { via: 'portal' | 'desk'; now: Date },
): Promise<string> {
  if (!(await patientInScope(trx, context, patientId))) {
    throw recordsError('PATIENT_NOT_FOUND', 'No patient with that id.');
  }
  if (input.kind === 'release') {
    const [authorization] = await documentsByIds(trx, context, [input.authorizationDocumentId]);
    if (!authorization || authorization.patient_id !== patientId || authorization.voided_at) {
      throw recordsError(
        'AUTHORIZATION_INVALID',
        'Attach the patient’s signed authorization from their documents.',
        {
          fields: [{ path: 'body.authorizationDocumentId', message: 'A document on this patient’s record' }],
        },
      );
    }
  }
  let feeCents = 0;
  if (input.kind === 'accounting') {
    // 164.528(c)(2): the first accounting in any 12 months is free.
    const earlier = await countAccountingsSince(
      trx,
      context,
      patientId,
      new Date(options.now.getTime() - 365 * DAY),
    );
    if (earlier > 0)
      feeCents = (await organizationSettings(trx, context.organizationId)).accountingFeeCents ?? 0;
  }
  const id = uuidv7();
  const dueAt = new Date(options.now.getTime() + DUE_DAYS[input.kind] * DAY);
  await insertRecordsRequest(trx, context, {
    id,
    patientId,
    kind: input.kind,
    requestedAt: options.now,
    requestedVia: options.via,
    format: input.kind === 'accounting' ? 'pdf' : input.format,
    dueAt,
    recipientName: input.kind === 'release' ? input.recipientName : null,
    recipientAddress: input.kind === 'release' ? (input.recipientAddress ?? null) : null,
    authorizationDocumentId: input.kind === 'release' ? input.authorizationDocumentId : null,
    scope: input.kind === 'release' ? input.scope : null,
    feeCents,
  });
  await openWorkItem(
    trx,
    context,
    {
      kind: 'records-request',
      title: WORK_TITLES[input.kind],
      patientId,
      queue: 'front_desk',
      priority: 'normal',
      dueAt,
      subject: { type: 'RecordsRequest', id },
    },
    options.now,
  );
  await recordAudit(
    trx,
    context,
    {
      action: 'create',
      patientId,
      resourceType: 'RecordsRequest',
      resourceId: id,
      details: { kind: input.kind },
    },
    options.now,
  );
  return id;
}

/** Loads an open request at the version the caller saw, locked for the transaction. */
export async function openRequestForChange(
  trx: Executor,
  context: ActorContext,
  id: string,
  version: number,
) {
  const request = await findRecordsRequest(trx, context, id, true);
  if (!request) throw recordsError('REQUEST_NOT_FOUND', 'No records request with that id.');
  if (request.version !== version) {
    throw commonError('VERSION_MISMATCH', 'Someone changed this request since you opened it. Reload it.');
  }
  if (request.status !== 'open')
    throw recordsError('REQUEST_CLOSED', `This request is already ${request.status}.`);
  return request;
}

async function storeFile(
  trx: Executor,
  storage: BlobStorage,
  context: ActorContext,
  file: { patientId: string; kind: string; title: string; contentType: string; bytes: Buffer },
) {
  const id = uuidv7();
  const key = storageKey(context.organizationId, id);
  await storage.put(key, file.bytes, file.contentType);
  await insertDocument(trx, context, {
    id,
    patient_id: file.patientId,
    kind: file.kind,
    title: file.title,
    content_type: file.contentType,
    size_bytes: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    storage_key: key,
    uploaded_by: context.actor?.id ?? null,
    uploaded_via: 'desk',
  });
  return id;
}

/**
 * Fulfils a request: an access request gets the record as a FHIR Bundle and a readable PDF, an accounting gets
 * the six years of accountable disclosures, a release gets the files to send and is itself recorded as a
 * disclosure. The files land on the patient's record (the portal shows them); the worklist item closes.
 */
export async function fulfilRecordsRequest(
  trx: Executor,
  storage: BlobStorage,
  context: ActorContext,
  request: RecordsRequestRow,
  now: Date,
): Promise<void> {
  const patient = await findPatientRecord(trx, context, request.patient_id);
  if (!patient) throw recordsError('PATIENT_NOT_FOUND', 'No patient with that id.');
  const organization = (await organizationSettings(trx, context.organizationId)).displayName ?? 'Your clinic';
  const files: string[] = [];
  if (request.kind === 'accounting') {
    const since = new Date(now);
    since.setUTCFullYear(since.getUTCFullYear() - ACCOUNTING_YEARS);
    const disclosures = await disclosuresOf(trx, context, request.patient_id, {
      since,
      accountableOnly: true,
    });
    files.push(
      await storeFile(trx, storage, context, {
        patientId: request.patient_id,
        kind: 'disclosure-accounting',
        title: 'Who we shared your information with',
        contentType: 'application/pdf',
        bytes: accountingPdf(organization, patient, disclosures, since, now),
      }),
    );
  } else {
    const appointments = await appointmentsOfPatient(trx, context, request.patient_id);
    const documents = (await documentsOfPatient(trx, context, request.patient_id)).filter(
      (row) => row.kind !== 'records-export' && row.kind !== 'disclosure-accounting',
    );
    if (request.format !== 'pdf') {
      const bundle = patientBundle(context.organizationId, patient, appointments, documents, now);
      files.push(
        await storeFile(trx, storage, context, {
          patientId: request.patient_id,
          kind: 'records-export',
          title: 'Your record (FHIR, for apps)',
          contentType: 'application/fhir+json',
          bytes: Buffer.from(JSON.stringify(bundle, null, 2)),
        }),
      );
    }
    if (request.format !== 'fhir') {
      files.push(
        await storeFile(trx, storage, context, {
          patientId: request.patient_id,
          kind: 'records-export',
          title: 'Your record (PDF)',
          contentType: 'application/pdf',
          bytes: patientRecordPdf(organization, patient, appointments, documents, now),
        }),
      );
    }
    if (request.kind === 'release') {
      await insertDisclosure(trx, context, {
        id: uuidv7(),
        patientId: request.patient_id,
        disclosedAt: now,
        recipientName: request.recipient_name ?? '',
        recipientAddress: request.recipient_address,
        purpose: 'Release of information at the patient’s request',
        description: request.scope ?? 'Copy of the record',
        legalBasis: 'authorization',
        authorizationDocumentId: request.authorization_document_id,
        recordsRequestId: request.id,
      });
    }
  }
  if (
    !(await updateRecordsRequest(trx, context, request.id, request.version, {
      status: 'fulfilled',
      decided_at: now,
      decided_by: context.actor?.id ?? null,
      export_document_ids: files,
    }))
  ) {
    throw commonError('VERSION_MISMATCH', 'Someone changed this request since you opened it. Reload it.');
  }
  await closeWorkItemsFor(
    trx,
    context,
    { kind: 'records-request', type: 'RecordsRequest', id: request.id },
    { status: 'done' },
    now,
  );
  await recordAudit(
    trx,
    context,
    {
      action: request.kind === 'release' ? 'disclose' : 'export',
      patientId: request.patient_id,
      resourceType: 'RecordsRequest',
      resourceId: request.id,
      details: { kind: request.kind, files: files.length },
    },
    now,
  );
}

/** The one extension the rules allow: 30 more days, with the reason the patient is told. */
export async function extendRecordsRequest(
  trx: Executor,
  context: ActorContext,
  request: RecordsRequestRow,
  reason: string,
  now: Date,
) {
  if (request.extended_at) throw recordsError('ALREADY_EXTENDED', 'A request can be extended once.');
  const dueAt = new Date(request.due_at.getTime() + EXTENSION_DAYS * DAY);
  await updateRecordsRequest(trx, context, request.id, request.version, {
    due_at: dueAt,
    extended_at: now,
    extension_reason: reason,
  });
  await closeWorkItemsFor(
    trx,
    context,
    { kind: 'records-request', type: 'RecordsRequest', id: request.id },
    { status: 'done', resolution: 'Extended' },
    now,
  );
  await openWorkItem(
    trx,
    context,
    {
      kind: 'records-request',
      title: 'Records request (extended): finish by the new date',
      patientId: request.patient_id,
      queue: 'front_desk',
      dueAt,
      subject: { type: 'RecordsRequest', id: request.id },
    },
    now,
  );
  await recordAudit(
    trx,
    context,
    {
      action: 'update',
      patientId: request.patient_id,
      resourceType: 'RecordsRequest',
      resourceId: request.id,
      reason,
    },
    now,
  );
}

/** A denial, with its written reason (the patient is told why, and how to ask for a review). */
export async function denyRecordsRequest(
  trx: Executor,
  context: ActorContext,
  request: RecordsRequestRow,
  reason: string,
  now: Date,
) {
  await updateRecordsRequest(trx, context, request.id, request.version, {
    status: 'denied',
    decided_at: now,
    decided_by: context.actor?.id ?? null,
    decision_note: reason,
  });
  await closeWorkItemsFor(
    trx,
    context,
    { kind: 'records-request', type: 'RecordsRequest', id: request.id },
    { status: 'done', resolution: 'Denied' },
    now,
  );
  await recordAudit(
    trx,
    context,
    {
      action: 'update',
      patientId: request.patient_id,
      resourceType: 'RecordsRequest',
      resourceId: request.id,
      reason,
      details: { status: 'denied' },
    },
    now,
  );
}
