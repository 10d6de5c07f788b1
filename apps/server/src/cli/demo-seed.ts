import { DEMO_ACCOUNTS, DEMO_ORGANIZATION_SLUG, DEMO_PASSWORD, seedDemo } from '../demo/seed-demo';
import { findOrganizationBySlug } from '../platform/tenancy/organizations.repository';
import { UsageError } from './args';
import { CliError, withDatabase, type Command } from './command';

const MAX_PATIENTS = 100_000;

/** `pd demo seed`: the demo clinic, in whatever database is configured. */
export const demoSeedCommand: Command = {
  path: ['demo', 'seed'],
  summary: 'Create the demo clinic (synthetic patients, demo accounts)',
  details: [
    `Creates the organization "${DEMO_ORGANIZATION_SLUG}" with synthetic patients and one demo account per role ` +
      `(password ${DEMO_PASSWORD}). Refuses when it already exists.`,
  ],
  options: {
    patients: {
      type: 'string',
      valueName: 'count',
      description: 'How many synthetic patients (default 400)',
    },
  },
  run: async (args, io) => {
    let patients: number | undefined;
    if (args.values.patients !== undefined) {
      patients = Number(args.values.patients);
      if (!Number.isInteger(patients) || patients < 1 || patients > MAX_PATIENTS) {
        throw new UsageError(`--patients must be a whole number from 1 to ${MAX_PATIENTS}.`);
      }
    }
    return withDatabase(io, { create: false, requireCurrent: true }, async (database) => {
      // Checked here as well as in seedDemo so the operator gets a plain refusal, not a stack of causes.
      if (await findOrganizationBySlug(database.db, DEMO_ORGANIZATION_SLUG)) {
        throw new CliError(
          `The demo organization already exists (slug "${DEMO_ORGANIZATION_SLUG}"). Nothing was changed.`,
        );
      }
      const seeded = await seedDemo(database.db, patients === undefined ? {} : { patients });
      io.out(
        `Created the demo clinic "${DEMO_ORGANIZATION_SLUG}" with ${seeded.patients} synthetic patients.`,
      );
      io.out(`Demo accounts (password ${DEMO_PASSWORD}):`);
      for (const account of DEMO_ACCOUNTS) io.out(`  ${account.email.padEnd(24)} ${account.role}`);
      return 0;
    });
  },
};
