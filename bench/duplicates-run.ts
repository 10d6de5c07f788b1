/**
 * The duplicates bench: seeds a synthetic population with planted duplicate registrations and hard negatives,
 * runs the detector over everyone through the server's own candidate generation and scorer
 * (`detectDuplicates` in the identity module, shard by shard), and reports precision, recall and F1 at the
 * threshold the server uses, a threshold sweep, and where the misses and false alarms come from.
 *
 *   node --import tsx bench/duplicates-run.ts --patients 1000000 --duplicates 3000 [--db postgres|pglite]
 *     [--hard-negatives 2000] [--shards 20] [--seed 20261201] [--keep]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import {
  LIKELY_DUPLICATE,
  detectDuplicates,
  refreshNameFrequencies,
} from '../apps/server/src/modules/identity';
import { uuidv7 } from '../apps/server/src/platform/ids';
import { insertOrganization } from '../apps/server/src/platform/tenancy/organizations.repository';
import {
  createPgliteDatabase,
  createPostgresDatabase,
  databaseVersion,
  type BenchDatabase,
} from './databases';
import { formatDuplicatesRun, type DuplicatesRun, type Outcome } from './duplicates-report';
import { pairKey, seedPopulation } from './duplicates-seed';
import { loadAverage, machineInfo } from './machine';

export type DuplicatesOptions = {
  patients: number;
  duplicates: number;
  hardNegatives: number;
  db: 'postgres' | 'pglite';
  /** Shards of the whole-population scan (default: one per 125,000 patients). */
  shards?: number;
  seed?: number;
  /** Leave the database in place (its URL or folder is printed), to EXPLAIN the queries. */
  keep?: boolean;
  log?: (line: string) => void;
};

const SWEEP = [0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.925, 0.95, 0.97, 0.98, 0.99, 0.995];

/** Seeds, detects and measures; returns the run (and writes nothing: the caller reports it). */
export async function benchDuplicates(options: DuplicatesOptions): Promise<DuplicatesRun> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const machine = machineInfo();
  const bench: BenchDatabase =
    options.db === 'postgres' ? await createPostgresDatabase() : createPgliteDatabase();
  const database = await bench.open();
  try {
    const organizationId = uuidv7();
    await insertOrganization(database.db, {
      id: organizationId,
      slug: `dup-bench-${organizationId.slice(-8)}`,
      name: 'Duplicates bench',
      settings: {},
    });
    log(
      `seeding ${options.patients.toLocaleString('en-US')} patients (${options.duplicates} planted duplicates, ` +
        `${options.hardNegatives} hard negatives) into ${options.db}…`,
    );
    const population = await seedPopulation(
      database,
      organizationId,
      { ...options, seed: options.seed ?? 20_261_201 },
      (done, perSecond) => log(`  ${done.toLocaleString('en-US')} patients (${Math.round(perSecond)}/s)`),
    );
    // What the scan job does first: count how common each name is (the scorer's term frequencies).
    const countStarted = performance.now();
    await refreshNameFrequencies(database.db, organizationId, new Date());
    const countSeconds = (performance.now() - countStarted) / 1000;
    const shards = options.shards ?? Math.max(1, Math.ceil(options.patients / 125_000));
    log(`detecting over ${shards} shards…`);
    const detectStarted = performance.now();
    const outcomes: Outcome[] = [];
    const blocked = new Map<string, string[]>();
    const examples = { falseAlarms: [] as string[], misses: [] as string[] };
    let compared = 0;
    let queryMs = 0;
    for (let shard = 0; shard < shards; shard += 1) {
      const shardStarted = performance.now();
      const pairs = await detectDuplicates(database.db, organizationId, { kind: 'all', shard, shards });
      queryMs += performance.now() - shardStarted;
      compared += pairs.length;
      for (const pair of pairs) {
        const key = pairKey(pair.a, pair.b);
        const planted = population.duplicates.has(key);
        if (planted) blocked.set(key, pair.passes);
        const negative = population.hardNegatives.get(key) ?? null;
        // Pairs below the sweep's lowest threshold count only as compared (memory stays flat at any size).
        if (!planted && !negative && pair.result.score < (SWEEP[0] ?? 0)) continue;
        const example = `${pair.result.score} ${pair.result.reasons
          .map(
            (reason) =>
              `${reason.field}:${reason.kind}${reason.detail ? `/${reason.detail}` : ''}=${reason.weight}`,
          )
          .join(' ')}`;
        if (!planted && pair.result.score >= LIKELY_DUPLICATE && examples.falseAlarms.length < 25) {
          examples.falseAlarms.push(`${negative ?? 'unplanted'}: ${example}`);
        }
        if (planted && pair.result.score < LIKELY_DUPLICATE && examples.misses.length < 25) {
          examples.misses.push(`[${(population.duplicates.get(key) ?? []).join(',')}]: ${example}`);
        }
        outcomes.push({
          score: pair.result.score,
          duplicate: planted,
          negative,
          corruptions: planted ? (population.duplicates.get(key) ?? []) : null,
          passes: pair.passes,
        });
      }
      if ((shard + 1) % Math.max(1, Math.floor(shards / 10)) === 0 || shard === shards - 1) {
        log(`  shard ${shard + 1}/${shards}: ${compared.toLocaleString('en-US')} pairs compared`);
      }
    }
    const detectSeconds = (performance.now() - detectStarted) / 1000;
    const run = summarize({
      options,
      shards,
      outcomes,
      population,
      blocked,
      compared,
      detectSeconds,
      machine,
      databaseVersion: await databaseVersion(database),
      seconds: (performance.now() - started) / 1000,
    });
    run.timing.queryAndScoreSeconds = Math.round(queryMs / 100) / 10;
    run.examples = examples;
    run.timing.countNamesSeconds = Math.round(countSeconds * 10) / 10;
    return run;
  } finally {
    await database.close();
    if (options.keep) log(`kept: ${bench.databaseUrl ?? bench.dataDir}`);
    else await bench.drop();
  }
}

function summarize(input: {
  options: DuplicatesOptions;
  shards: number;
  outcomes: Outcome[];
  population: Awaited<ReturnType<typeof seedPopulation>>;
  blocked: Map<string, string[]>;
  compared: number;
  detectSeconds: number;
  machine: ReturnType<typeof machineInfo>;
  databaseVersion: string;
  seconds: number;
}): DuplicatesRun {
  const { outcomes, population } = input;
  const planted = population.duplicates.size;
  const at = (threshold: number) => {
    let truePositives = 0;
    let falsePositives = 0;
    for (const outcome of outcomes) {
      if (outcome.score < threshold) continue;
      if (outcome.duplicate) truePositives += 1;
      else falsePositives += 1;
    }
    const precision =
      truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
    const recall = planted === 0 ? 1 : truePositives / planted;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return {
      threshold,
      truePositives,
      falsePositives,
      precision: round(precision),
      recall: round(recall),
      f1: round(f1),
    };
  };
  const chosen = at(LIKELY_DUPLICATE);
  const falseAlarms: Record<string, number> = {};
  const missedBy: Record<string, number> = {};
  const passRecall: Record<string, number> = {};
  for (const outcome of outcomes) {
    if (outcome.duplicate) {
      for (const pass of outcome.passes) passRecall[pass] = (passRecall[pass] ?? 0) + 1;
      if (outcome.score < LIKELY_DUPLICATE) {
        for (const corruption of outcome.corruptions?.length ? outcome.corruptions : ['none']) {
          missedBy[corruption] = (missedBy[corruption] ?? 0) + 1;
        }
      }
    } else if (outcome.score >= LIKELY_DUPLICATE) {
      const kind = outcome.negative ?? 'unplanted';
      falseAlarms[kind] = (falseAlarms[kind] ?? 0) + 1;
    }
  }
  const notBlocked = [...population.duplicates.entries()].filter(([key]) => !input.blocked.has(key));
  for (const [, corruptions] of notBlocked) {
    for (const corruption of corruptions.length ? corruptions : ['none']) {
      missedBy[`${corruption} (never compared)`] = (missedBy[`${corruption} (never compared)`] ?? 0) + 1;
    }
  }
  const negativesFlagged: Record<string, { planted: number; flagged: number }> = {};
  for (const kind of population.hardNegatives.values()) {
    negativesFlagged[kind] ??= { planted: 0, flagged: 0 };
    negativesFlagged[kind].planted += 1;
  }
  for (const outcome of outcomes) {
    if (outcome.negative && outcome.score >= LIKELY_DUPLICATE) {
      const entry = negativesFlagged[outcome.negative];
      if (entry) entry.flagged += 1;
    }
  }
  return {
    startedAt: new Date(Date.now() - input.seconds * 1000).toISOString(),
    options: {
      patients: input.options.patients,
      duplicates: input.options.duplicates,
      hardNegatives: input.options.hardNegatives,
      db: input.options.db,
      shards: input.shards,
      seed: input.options.seed ?? 20_261_201,
    },
    databaseVersion: input.databaseVersion,
    machine: {
      ...input.machine,
      loadAverageBefore: input.machine.loadAverage,
      loadAverageAfter: loadAverage(),
    },
    population: {
      patients: population.patients,
      households: population.households,
      plantedDuplicates: planted,
      hardNegatives: population.hardNegatives.size,
    },
    threshold: LIKELY_DUPLICATE,
    result: chosen,
    blocking: {
      pairsCompared: input.compared,
      plantedPairsCompared: input.blocked.size,
      blockingRecall: round(planted === 0 ? 1 : input.blocked.size / planted),
      plantedFoundByPass: passRecall,
    },
    sweep: SWEEP.map(at),
    falseAlarms,
    hardNegativesFlagged: negativesFlagged,
    missedBy: Object.fromEntries(Object.entries(missedBy).sort((x, y) => y[1] - x[1])),
    timing: {
      seedSeconds: round(population.seconds, 1),
      analyzeSeconds: round(population.analyzeSeconds, 1),
      detectSeconds: round(input.detectSeconds, 1),
      queryAndScoreSeconds: 0,
      countNamesSeconds: 0,
      pairsPerSecond: Math.round(input.compared / Math.max(0.001, input.detectSeconds)),
      totalSeconds: round(input.seconds, 1),
    },
    examples: { falseAlarms: [], misses: [] },
    targets: {
      precision: 0.98,
      recall: 0.9,
      met: chosen.precision >= 0.98 && chosen.recall >= 0.9,
    },
  };
}

function round(value: number, digits = 4): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Writes the run to bench/results/duplicates-<timestamp>.json and returns the path. */
export function writeDuplicatesReport(run: DuplicatesRun): string {
  const directory = path.join(import.meta.dirname, 'results');
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `duplicates-${run.startedAt.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}

function parseOptions(): DuplicatesOptions {
  const { values } = parseArgs({
    options: {
      patients: { type: 'string', default: '100000' },
      duplicates: { type: 'string', default: '3000' },
      'hard-negatives': { type: 'string' },
      db: { type: 'string', default: 'postgres' },
      shards: { type: 'string' },
      seed: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const positive = (name: string, value: string) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) throw new Error(`--${name} must be a positive integer`);
    return number;
  };
  if (values.db !== 'postgres' && values.db !== 'pglite') throw new Error('--db must be postgres or pglite');
  const duplicates = positive('duplicates', values.duplicates);
  return {
    patients: positive('patients', values.patients),
    duplicates,
    hardNegatives:
      values['hard-negatives'] === undefined
        ? Math.round(duplicates * 0.67)
        : positive('hard-negatives', values['hard-negatives']),
    db: values.db,
    ...(values.shards ? { shards: positive('shards', values.shards) } : {}),
    ...(values.seed ? { seed: positive('seed', values.seed) } : {}),
    keep: values.keep,
  };
}

async function main(): Promise<void> {
  const run = await benchDuplicates(parseOptions());
  console.log(`\n${formatDuplicatesRun(run)}`);
  const file = writeDuplicatesReport(run);
  console.log(`\nresults in ${path.relative(process.cwd(), file)}`);
  if (!run.targets.met) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error('\nbench failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
