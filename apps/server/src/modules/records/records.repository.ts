import { scopedPatientIds, type ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import type { DocumentTable } from './records.tables';

const DOCUMENT_COLUMNS = [
  'id',
  'patient_id',
  'kind',
  'title',
  'content_type',
  'size_bytes',
  'sha256',
  'storage_key',
  'uploaded_by',
  'uploaded_via',
  'created_at',
  'voided_at',
  'void_reason',
] as const;

function scoped(executor: Executor, context: ActorContext) {
  let query = executor
    .selectFrom('document')
    .select(DOCUMENT_COLUMNS)
    .where('organization_id', '=', context.organizationId);
  if (context.patientScope) {
    query = query.where('patient_id', 'in', scopedPatientIds(context.patientScope));
  }
  return query;
}

export async function patientInScope(executor: Executor, context: ActorContext, patientId: string) {
  if (context.patientScope && !context.patientScope.includes(patientId)) return false;
  const row = await executor
    .selectFrom('patient')
    .select('id')
    .where('organization_id', '=', context.organizationId)
    .where('id', '=', patientId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertDocument(
  executor: Executor,
  context: ActorContext,
  document: Omit<DocumentTable, 'organization_id' | 'created_at' | 'voided_at' | 'voided_by' | 'void_reason'>,
) {
  await executor
    .insertInto('document')
    .values({ ...document, organization_id: context.organizationId })
    .execute();
}

export async function findDocument(executor: Executor, context: ActorContext, id: string) {
  return scoped(executor, context).where('id', '=', id).executeTakeFirst();
}

export async function documentsOfPatient(executor: Executor, context: ActorContext, patientId: string) {
  return scoped(executor, context)
    .where('patient_id', '=', patientId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function voidDocument(
  executor: Executor,
  context: ActorContext,
  id: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const result = await executor
    .updateTable('document')
    .set({ voided_at: now, voided_by: context.actor?.id ?? null, void_reason: reason })
    .where('organization_id', '=', context.organizationId)
    .where('id', '=', id)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocument>>>;

export async function insertDisclosure(
  executor: Executor,
  context: ActorContext,
  disclosure: {
    id: string;
    patientId: string;
    disclosedAt: Date;
    recipientName: string;
    recipientAddress: string | null;
    purpose: string;
    description: string;
    legalBasis: string;
    authorizationDocumentId: string | null;
    recordsRequestId: string | null;
  },
) {
  await executor
    .insertInto('disclosure')
    .values({
      organization_id: context.organizationId,
      id: disclosure.id,
      patient_id: disclosure.patientId,
      disclosed_at: disclosure.disclosedAt,
      recipient_name: disclosure.recipientName,
      recipient_address: disclosure.recipientAddress,
      purpose: disclosure.purpose,
      description: disclosure.description,
      legal_basis: disclosure.legalBasis,
      authorization_document_id: disclosure.authorizationDocumentId,
      records_request_id: disclosure.recordsRequestId,
      recorded_by: context.actor?.id ?? null,
    })
    .execute();
}

/** A patient's disclosures since a date, newest first; only accountable ones when asked (164.528(a)(1)). */
export async function disclosuresOf(
  executor: Executor,
  context: ActorContext,
  patientId: string,
  options: { since: Date; accountableOnly: boolean },
) {
  let query = executor
    .selectFrom('disclosure')
    .selectAll()
    .where('organization_id', '=', context.organizationId)
    .where('patient_id', '=', patientId)
    .where('disclosed_at', '>=', options.since);
  if (options.accountableOnly) {
    query = query.where('legal_basis', 'not in', ['authorization', 'treatment-payment-operations']);
  }
  return query.orderBy('disclosed_at', 'desc').execute();
}

export async function insertRecordsRequest(
  executor: Executor,
  context: ActorContext,
  request: {
    id: string;
    patientId: string;
    kind: 'access' | 'accounting' | 'release';
    requestedAt: Date;
    requestedVia: 'portal' | 'desk';
    format: 'fhir' | 'pdf' | 'both';
    dueAt: Date;
    recipientName: string | null;
    recipientAddress: string | null;
    authorizationDocumentId: string | null;
    scope: string | null;
    feeCents: number;
  },
) {
  await executor
    .insertInto('records_request')
    .values({
      organization_id: context.organizationId,
      id: request.id,
      patient_id: request.patientId,
      kind: request.kind,
      requested_at: request.requestedAt,
      requested_by: context.actor?.id ?? null,
      requested_via: request.requestedVia,
      format: request.format,
      due_at: request.dueAt,
      recipient_name: request.recipientName,
      recipient_address: request.recipientAddress,
      authorization_document_id: request.authorizationDocumentId,
      scope: request.scope,
      fee_cents: request.feeCents,
    })
    .execute();
}

function scopedRequests(executor: Executor, context: ActorContext) {
  let query = executor
    .selectFrom('records_request')
    .selectAll()
    .where('organization_id', '=', context.organizationId);
  if (context.patientScope) {
    query = query.where('patient_id', 'in', scopedPatientIds(context.patientScope));
  }
  return query;
}

export async function findRecordsRequest(
  executor: Executor,
  context: ActorContext,
  id: string,
  forUpdate = false,
) {
  let query = scopedRequests(executor, context).where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export type RecordsRequestRow = NonNullable<Awaited<ReturnType<typeof findRecordsRequest>>>;

export async function listRecordsRequests(
  executor: Executor,
  context: ActorContext,
  filter: { patientId?: string | undefined; status?: string | undefined; limit: number },
) {
  let query = scopedRequests(executor, context);
  if (filter.patientId) query = query.where('patient_id', '=', filter.patientId);
  if (filter.status) query = query.where('status', '=', filter.status as RecordsRequestRow['status']);
  return query.orderBy('due_at').orderBy('id').limit(filter.limit).execute();
}

/** Accountings the patient asked for since a date (the first in 12 months is free: 164.528(c)(2)). */
export async function countAccountingsSince(
  executor: Executor,
  context: ActorContext,
  patientId: string,
  since: Date,
) {
  const row = await executor
    .selectFrom('records_request')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organization_id', '=', context.organizationId)
    .where('patient_id', '=', patientId)
    .where('kind', '=', 'accounting')
    .where('status', '!=', 'withdrawn')
    .where('requested_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function updateRecordsRequest(
  executor: Executor,
  context: ActorContext,
  id: string,
  expectedVersion: number,
  change: Partial<{
    status: 'open' | 'fulfilled' | 'denied' | 'withdrawn';
    due_at: Date;
    extended_at: Date;
    extension_reason: string;
    decided_at: Date;
    decided_by: string | null;
    decision_note: string | null;
    export_document_ids: string[];
  }>,
): Promise<boolean> {
  const result = await executor
    .updateTable('records_request')
    .set((eb) => ({ ...change, version: eb('version', '+', 1) }))
    .where('organization_id', '=', context.organizationId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function documentsByIds(executor: Executor, context: ActorContext, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return scoped(executor, context)
    .where('id', 'in', [...ids])
    .orderBy('created_at')
    .execute();
}
