import { z } from 'zod';
import { ZId } from './common';
import { ZRole } from './roles';

export const ZLocation = z.object({
  id: ZId,
  name: z.string(),
  timeZone: z.string(),
  phone: z.string().nullable(),
});
export const ZProvider = z.object({
  id: ZId,
  displayName: z.string(),
  specialty: z.string(),
  npi: z.string().nullable(),
});
export const ZDirectory = z.object({
  locations: z.array(ZLocation),
  providers: z.array(ZProvider),
});

/** A staff member as colleagues see them (for choosing a care team member): no email, no account details. */
export const ZStaffMember = z.object({ id: ZId, name: z.string(), role: ZRole });
export type StaffMember = z.infer<typeof ZStaffMember>;
export const ZStaffList = z.object({ items: z.array(ZStaffMember) });
