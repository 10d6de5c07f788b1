import type { CreatedAt, Timestamp } from '../../platform/db/schema';

export type AppointmentNoticeTable = {
  organization_id: string;
  appointment_id: string;
  /** booked, moved, cancelled, or reminder-<hours>h. */
  kind: string;
  status: 'planned' | 'sent' | 'skipped' | 'void';
  planned_for: Timestamp;
  appointment_starts_at: Timestamp;
  deferred_to: Timestamp | null;
  channel: 'sms' | 'email' | null;
  recipient: string | null;
  language: 'en' | 'es' | null;
  message_id: string | null;
  reason: string | null;
  sent_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
};

export type AppointmentResponseLinkTable = {
  organization_id: string;
  token_hash: string;
  appointment_id: string;
  notice_kind: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  used_action: 'confirm' | 'reschedule' | null;
  created_at: CreatedAt;
};

export type AppointmentReplyTable = {
  organization_id: string;
  id: string;
  appointment_id: string;
  channel: 'sms' | 'email';
  action: 'confirm' | 'reschedule';
  outcome: 'confirmed' | 'already-confirmed' | 'reschedule-requested';
  received_at: Timestamp;
};

declare module '../../platform/db/schema' {
  interface Database {
    appointment_notice: AppointmentNoticeTable;
    appointment_response_link: AppointmentResponseLinkTable;
    appointment_reply: AppointmentReplyTable;
  }
}
