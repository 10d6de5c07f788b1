import { CANCEL_REASONS, type Appointment, type AppointmentStatus } from '@patientdesk/contracts';

/** How each status reads, and the mark that tells it apart without colour. */
export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  proposed: 'Proposed',
  booked: 'Booked',
  confirmed: 'Confirmed',
  arrived: 'Arrived',
  checked_in: 'Checked in',
  in_room: 'In room',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

export const STATUS_MARKS: Record<AppointmentStatus, string> = {
  proposed: '?',
  booked: '○',
  confirmed: '✓',
  arrived: '→',
  checked_in: '⇥',
  in_room: '▣',
  completed: '●',
  cancelled: '✕',
  no_show: '!',
};

/** The legend above the calendar: the statuses a day usually holds, in the order a visit passes through them. */
export const LEGEND_STATUSES: readonly AppointmentStatus[] = [
  'booked',
  'confirmed',
  'arrived',
  'checked_in',
  'in_room',
  'completed',
  'no_show',
];

export type StatusAction = {
  status: 'confirmed' | 'arrived' | 'checked_in' | 'in_room' | 'completed' | 'no_show';
  label: string;
};

/** The status buttons of the side panel, in the order a visit moves through them. */
export const STATUS_ACTIONS: readonly StatusAction[] = [
  { status: 'confirmed', label: 'Confirm' },
  { status: 'arrived', label: 'Arrived' },
  { status: 'checked_in', label: 'Checked in' },
  { status: 'in_room', label: 'In room' },
  { status: 'completed', label: 'Completed' },
  { status: 'no_show', label: 'No-show' },
];

export const CANCEL_REASON_LABELS: Record<(typeof CANCEL_REASONS)[number], string> = {
  'patient-request': 'Patient asked to cancel',
  'patient-illness': 'Patient is ill',
  transportation: 'No transportation',
  'schedule-conflict': 'Schedule conflict',
  weather: 'Weather',
  'provider-unavailable': 'Provider unavailable',
  'clinic-closure': 'Clinic closed',
  duplicate: 'Duplicate booking',
  rescheduled: 'Rescheduled',
  other: 'Other',
};

/** Reasons a person picks when cancelling ("rescheduled" is set by a move, not chosen). */
export const CANCEL_REASON_OPTIONS = CANCEL_REASONS.filter((reason) => reason !== 'rescheduled').map(
  (reason) => ({ value: reason, label: CANCEL_REASON_LABELS[reason] }),
);

export const CANCELLED_BY_OPTIONS = [
  { value: 'patient', label: 'The patient' },
  { value: 'clinic', label: 'The clinic' },
  { value: 'provider', label: 'The provider' },
] as const;

/** Still holds its time: not cancelled, not a no-show. */
export function isActive(appointment: Pick<Appointment, 'status'>): boolean {
  return appointment.status !== 'cancelled' && appointment.status !== 'no_show';
}

/** May still be moved or cancelled. */
export function isMovable(appointment: Pick<Appointment, 'status'>): boolean {
  return appointment.status === 'booked' || appointment.status === 'confirmed';
}

const SPECIALTY_LABELS: Record<string, string> = {
  primary_care: 'Primary care',
  cardiology: 'Cardiology',
  imaging: 'Imaging',
  behavioral_health: 'Behavioral health',
};

export function specialtyLabel(specialty: string): string {
  return SPECIALTY_LABELS[specialty] ?? specialty.replace(/_/g, ' ');
}
