import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/schema';

export type PortalInvitationTable = {
  organization_id: string;
  id: string;
  patient_id: string;
  proxy_id: string | null;
  email: string;
  language: 'en' | 'es';
  token_hash: string;
  expires_at: Timestamp;
  failed_tries: Generated<number>;
  accepted_at: Timestamp | null;
  accepted_user_id: string | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoked_reason: 'withdrawn' | 'replaced' | 'too-many-tries' | null;
  created_by: string | null;
  created_at: Timestamp;
};

declare module '../../platform/db/schema' {
  interface Database {
    portal_invitation: PortalInvitationTable;
  }
}
