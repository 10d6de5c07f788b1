import type { ActorContext } from '../../platform/access/context';
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
    query = query.where('patient_id', 'in', context.patientScope.length ? [...context.patientScope] : ['']);
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
