/** Every area of the desk, in navigation order, with what it needs and what it will do. */

export type Area = {
  id: string;
  label: string;
  path: string;
  group: 'Daily work' | 'Patients’ needs' | 'Oversight';
  /** The permission that shows this area; null for every staff member. */
  permission: string | null;
  built: boolean;
  /** For areas not built yet: what the area will do, in plain words. */
  purpose: string;
};

export const AREAS: readonly Area[] = [
  {
    id: 'worklist',
    label: 'Worklist',
    path: '/desk',
    group: 'Daily work',
    permission: 'work-items:read',
    built: true,
    purpose: 'Your single queue of follow-ups from every part of PatientDesk.',
  },
  {
    id: 'patients',
    label: 'Patients',
    path: '/desk/patients',
    group: 'Daily work',
    permission: 'patients:search',
    built: true,
    purpose: 'Find a patient by name, date of birth, MRN or phone.',
  },
  {
    id: 'schedule',
    label: 'Schedule',
    path: '/desk/schedule',
    group: 'Daily work',
    permission: 'appointments:read',
    built: true,
    purpose: 'Book, move and cancel appointments across providers, locations and rooms.',
  },
  {
    id: 'waitlist',
    label: 'Waitlist',
    path: '/desk/waitlist',
    group: 'Daily work',
    permission: 'appointments:read',
    built: true,
    purpose: 'Patients waiting for an earlier visit, and the offers sent when a time opens up.',
  },
  {
    id: 'check-in',
    label: 'Check-in',
    path: '/desk/check-in',
    group: 'Daily work',
    permission: null,
    built: false,
    purpose:
      'See who has arrived today, verify identity and insurance, collect forms and consents, and manage the self check-in kiosk.',
  },
  {
    id: 'messages',
    label: 'Messages',
    path: '/desk/messages',
    group: 'Daily work',
    permission: null,
    built: false,
    purpose:
      'Read and answer patient messages, route them to the right clinician, and release results with plain-language notes.',
  },
  {
    id: 'billing',
    label: 'Billing',
    path: '/desk/billing',
    group: 'Patients’ needs',
    permission: null,
    built: false,
    purpose:
      'Look up charges and statements, take payments, set up payment plans, and decide on financial assistance.',
  },
  {
    id: 'rides',
    label: 'Rides & lodging',
    path: '/desk/rides',
    group: 'Patients’ needs',
    permission: null,
    built: false,
    purpose: 'Arrange rides to and from visits, and lodging for patients who travel far for care.',
  },
  {
    id: 'complaints',
    label: 'Complaints',
    path: '/desk/complaints',
    group: 'Patients’ needs',
    permission: null,
    built: false,
    purpose:
      'Record complaints and grievances, track each one to a written response on time, and send satisfaction surveys.',
  },
  {
    id: 'outbox',
    label: 'Outbox',
    path: '/desk/outbox',
    group: 'Oversight',
    permission: 'outbox:read',
    built: true,
    purpose: 'Every email and text message PatientDesk sends or holds.',
  },
  {
    id: 'audit',
    label: 'Audit log',
    path: '/desk/audit',
    group: 'Oversight',
    permission: 'audit:read',
    built: true,
    purpose: 'Who looked at or changed which record, and when.',
  },
  {
    id: 'break-glass-reviews',
    label: 'Break-the-glass reviews',
    path: '/desk/break-glass-reviews',
    group: 'Oversight',
    permission: 'break-glass:review',
    built: true,
    purpose:
      'Each time someone opened a restricted record by breaking the glass: why, and whether it was right.',
  },
  {
    id: 'duplicates',
    label: 'Duplicates',
    path: '/desk/duplicates',
    group: 'Oversight',
    permission: 'patients:merge',
    built: true,
    purpose: 'Records that may be the same person: compare them, merge them, undo a merge within 30 days.',
  },
  {
    id: 'reports',
    label: 'Reports',
    path: '/desk/reports',
    group: 'Oversight',
    permission: null,
    built: false,
    purpose:
      'Daily and monthly figures: arrivals, wait times, missed appointments, worklist load and response times.',
  },
  {
    id: 'admin',
    label: 'Admin',
    path: '/desk/admin',
    group: 'Oversight',
    permission: 'users:manage',
    built: false,
    purpose:
      'Set up the organization, locations, providers, staff accounts, fee schedules and message templates.',
  },
];

/** The area a desk path belongs to, for the navigation's "you are here". */
export function areaOf(pathname: string): Area | undefined {
  const trimmed = pathname.replace(/\/+$/, '') || '/desk';
  if (trimmed === '/desk') return AREAS[0];
  return AREAS.find(
    (area) => area.path !== '/desk' && (trimmed === area.path || trimmed.startsWith(`${area.path}/`)),
  );
}
