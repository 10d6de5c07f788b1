import { renderPdf, type PdfBlock } from '../../platform/pdf/simple-pdf';
import type { AppointmentRow } from '../scheduling';
import type { PatientRow } from '../patients';
import type { DocumentRow } from './records.repository';

const STATUS: Record<string, string> = {
  proposed: 'Proposed',
  booked: 'Booked',
  confirmed: 'Confirmed',
  arrived: 'Arrived',
  checked_in: 'Checked in',
  in_room: 'With the provider',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'Missed',
};

function when(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(
    instant,
  );
}

/** The readable copy of a patient's record: who they are, their visits, the documents on file. */
export function patientRecordPdf(
  organizationName: string,
  patient: PatientRow,
  appointments: readonly AppointmentRow[],
  documents: readonly DocumentRow[],
  now: Date,
): Buffer {
  const blocks: PdfBlock[] = [
    { kind: 'title', text: 'Your health record' },
    { kind: 'paragraph', text: `From ${organizationName}, made on ${now.toISOString().slice(0, 10)}.` },
    { kind: 'space' },
    { kind: 'heading', text: 'About you' },
    { kind: 'field', label: 'Name', value: `${patient.given_names} ${patient.family_name}` },
    ...(patient.preferred_name
      ? [{ kind: 'field' as const, label: 'Preferred name', value: patient.preferred_name }]
      : []),
    { kind: 'field', label: 'Date of birth', value: patient.birth_date },
    { kind: 'field', label: 'Record number', value: patient.mrn },
    { kind: 'field', label: 'Phone', value: patient.phone ?? 'None on file' },
    { kind: 'field', label: 'Email', value: patient.email ?? 'None on file' },
    { kind: 'space' },
    { kind: 'heading', text: 'Your visits' },
    ...(appointments.length === 0
      ? [{ kind: 'paragraph' as const, text: 'No visits on file.' }]
      : appointments.map((row) => ({
          kind: 'field' as const,
          label: STATUS[row.status] ?? row.status,
          value: `${when(row.starts_at, row.time_zone)}: ${row.type_name} with ${row.provider_name} at ${row.location_name}`,
        }))),
    { kind: 'space' },
    { kind: 'heading', text: 'Documents on file' },
    ...(documents.length === 0
      ? [{ kind: 'paragraph' as const, text: 'No documents on file.' }]
      : documents.map((row) => ({
          kind: 'field' as const,
          label: row.created_at.toISOString().slice(0, 10),
          value: `${row.title}${row.voided_at ? ' (withdrawn: uploaded in error)' : ''}`,
        }))),
    { kind: 'space' },
    {
      kind: 'paragraph',
      text: 'You can ask us to correct anything that is wrong. You can also ask who we shared your information with.',
    },
  ];
  return renderPdf(
    blocks,
    `${organizationName} — health record of ${patient.given_names} ${patient.family_name}`,
  );
}

/** The accounting of disclosures (45 CFR 164.528): each disclosure's date, recipient, what and why. */
export function accountingPdf(
  organizationName: string,
  patient: PatientRow,
  disclosures: readonly {
    disclosed_at: Date;
    recipient_name: string;
    recipient_address: string | null;
    description: string;
    purpose: string;
  }[],
  since: Date,
  now: Date,
): Buffer {
  const blocks: PdfBlock[] = [
    { kind: 'title', text: 'Who we shared your information with' },
    {
      kind: 'paragraph',
      text:
        `From ${organizationName}, for ${patient.given_names} ${patient.family_name}, covering ` +
        `${since.toISOString().slice(0, 10)} to ${now.toISOString().slice(0, 10)}. The law leaves out sharing for your ` +
        'care, for payment and for running the clinic, and sharing you agreed to in writing.',
    },
    { kind: 'space' },
    ...(disclosures.length === 0
      ? [
          {
            kind: 'paragraph' as const,
            text: 'We did not share your information with anyone in this period.',
          },
        ]
      : disclosures.flatMap((row) => [
          { kind: 'heading' as const, text: row.disclosed_at.toISOString().slice(0, 10) },
          {
            kind: 'field' as const,
            label: 'Shared with',
            value: [row.recipient_name, row.recipient_address].filter(Boolean).join(', '),
          },
          { kind: 'field' as const, label: 'What', value: row.description },
          { kind: 'field' as const, label: 'Why', value: row.purpose },
        ])),
  ];
  return renderPdf(blocks, `${organizationName} — accounting of disclosures`);
}
