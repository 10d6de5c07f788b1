import { z } from 'zod';
import { ZId } from './common';

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
