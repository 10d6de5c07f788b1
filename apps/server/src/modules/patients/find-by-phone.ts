import type { ActorContext } from '../../platform/access/context';
import type { Executor } from '../../platform/audit/audit.repository';
import { patientIdsByPhone } from './patients.repository';

/** The patient a phone number belongs to, when exactly one patient has it. */
export async function findPatientIdByPhone(executor: Executor, context: ActorContext, phone: string) {
  const ids = await patientIdsByPhone(executor, context, phone);
  return ids.length === 1 ? (ids[0] ?? null) : null;
}
