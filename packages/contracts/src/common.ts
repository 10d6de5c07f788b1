import { z } from 'zod';

/** An id as the API speaks it: a UUID. */
export const ZId = z.uuid();

/** A calendar date without time or zone, `YYYY-MM-DD`, that exists on the calendar (no February 30). */
export const ZPlainDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the form YYYY-MM-DD')
  .refine(isRealDate, 'This date does not exist on the calendar');

/** An instant, ISO 8601 with a zone offset. */
export const ZInstant = z.iso.datetime({ offset: true });

/** Cursor paging: a page of items and the cursor for the next page, if any. */
export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const ZPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

/** RFC 9457 problem details, as every error response carries them. */
export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  traceId: z.string(),
});
export type Problem = z.infer<typeof ZProblem>;

/** True when `value` (YYYY-MM-DD) names a day that exists. */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
