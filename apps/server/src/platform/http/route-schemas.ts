import { ZId } from '@patientdesk/contracts';
import { z } from 'zod';

/** `/…/:id` routes: the id is a UUID (anything else is a 400, never a database error). */
export const ZIdParams = z.object({ id: ZId });

/** Changes that must not overwrite someone else's: the version read, as `If-Match` (checked by requireVersion). */
export const ZIfMatchHeaders = z.object({ 'if-match': z.string().optional() });

/** Creates a client may retry: the `Idempotency-Key` it chose (see withIdempotency). */
export const ZIdempotencyHeaders = z.object({ 'idempotency-key': z.string().optional() });
