import type { Clock } from '../../platform/clock';
import { publicBaseUrl, type Config } from '../../platform/config/config';
import type { Db } from '../../platform/db/database';

/** What the waitlist's background work needs: the database, the clock, and where offer links point. */
export type WaitlistDeps = { db: Db; clock: Clock; linkBase: string };

export function waitlistDeps(options: { db: Db; clock: Clock; config: Config }): WaitlistDeps {
  return {
    db: options.db,
    clock: options.clock,
    linkBase: publicBaseUrl(options.config),
  };
}

/**
 * The link an offer sends. The token rides in the fragment, which browsers never send to a server or put in a
 * Referer: the page reads it and posts it to `POST /api/waitlist-offers/lookup`, `…/accept` or `…/decline`.
 */
export function offerLink(linkBase: string, token: string): string {
  return `${linkBase}/portal/offer#${token}`;
}
