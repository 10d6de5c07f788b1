import { z } from 'zod';
import { ZId, ZInstant, ZPage, ZPlainDate } from './common';

export const SEX_VALUES = ['female', 'male', 'intersex', 'unknown'] as const;

const ZName = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(100, 'At most 100 characters')
  .refine((value) => !/[\p{Cc}<>]/u.test(value), 'Letters, spaces, hyphens and apostrophes only');

/** A phone number as a person types it; the server normalizes it to E.164. */
export const ZPhoneInput = z.string().trim().min(7).max(32);

export const ZCreatePatientRequest = z.strictObject({
  familyName: ZName,
  givenNames: ZName,
  preferredName: ZName.optional(),
  birthDate: ZPlainDate,
  sex: z.enum(SEX_VALUES).default('unknown'),
  phone: ZPhoneInput.optional(),
  email: z.email().max(254).optional(),
});
export type CreatePatientRequest = z.input<typeof ZCreatePatientRequest>;

export const ZPatient = z.object({
  id: ZId,
  mrn: z.string(),
  familyName: z.string(),
  givenNames: z.string(),
  preferredName: z.string().nullable(),
  birthDate: z.string(),
  sex: z.enum(SEX_VALUES),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
  version: z.number().int(),
});
export type Patient = z.infer<typeof ZPatient>;

export const ZPatientSummary = ZPatient.pick({
  id: true,
  mrn: true,
  familyName: true,
  givenNames: true,
  preferredName: true,
  birthDate: true,
  sex: true,
  phone: true,
});
export type PatientSummary = z.infer<typeof ZPatientSummary>;

export const ZPatientSearchQuery = z.strictObject({
  q: z.string().trim().min(2, 'Type at least 2 characters').max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const ZPatientSearchResult = ZPage(ZPatientSummary);
