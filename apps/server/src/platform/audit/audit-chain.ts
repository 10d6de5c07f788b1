import { createHash } from 'node:crypto';
import type { AuditRow } from './audit.repository';

/** The hash an organization's chain starts from. */
export function genesisHash(organizationId: string): string {
  return createHash('sha256').update(`patientdesk-audit-genesis:${organizationId}`).digest('hex');
}

/** The row's hash given the previous link's hash: covers every column the row was written with. */
export function linkHash(previousHash: string, chainSeq: number, row: AuditRow): string {
  const content = JSON.stringify([
    row.organization_id,
    String(row.id),
    row.occurred_at.toISOString(),
    row.actor_id,
    row.actor_role,
    row.action,
    row.outcome,
    row.patient_id,
    row.patient_ids,
    row.resource_type,
    row.resource_id,
    row.source_address,
    row.request_id,
    row.reason,
    row.details ?? null,
  ]);
  return createHash('sha256').update(`${previousHash}\n${chainSeq}\n${content}`).digest('hex');
}
