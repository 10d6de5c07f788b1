import fs from 'node:fs';
import path from 'node:path';
import type { CpuShare, MachineInfo } from './machine';
import type { ScenarioName, ScenarioResult, SearchKind } from './scenarios';
import type { SchedulingRun } from './scheduling-report';
import type { DuplicatesRun } from './duplicates-report';
import type { SeedResult } from './seed';

export type DatabaseKind = 'pglite' | 'postgres';

export type MeasuredScenario = ScenarioResult & {
  /** Where the CPU went while it ran (percent of one core; machine: of all cores). */
  cpu: CpuShare | null;
  /** SQL statements the server ran per 2xx response (BEGIN/COMMIT not counted). */
  queriesPerRequest: number | null;
  /** Audit rows not yet linked into the chain when the scenario ended. */
  auditUnsealedAfter: number | null;
  /** Which targets it met or missed (PostgreSQL only). */
  verdicts: string[];
};

export type DatabaseRun = {
  database: DatabaseKind;
  databaseVersion: string;
  patients: number;
  seed: SeedResult;
  /** Share of search queries (a sample of each kind) that found at least one patient. */
  searchMatchRate: Partial<Record<SearchKind, number>>;
  scenarios: MeasuredScenario[];
  auditEventsAtEnd: number | null;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  seconds: number;
  problems: string[];
};

export type BenchReport = {
  startedAt: string;
  seconds: number;
  options: {
    /** Unset in reports from before the scheduling suite: patients only. */
    suites?: ('patients' | 'scheduling' | 'duplicates')[];
    patients: number;
    databases: DatabaseKind[];
    durationSeconds: number;
    connections: number;
    appointments?: number;
    pglitePatients?: number;
    pgliteAppointments?: number;
    clients?: number;
  };
  machine: MachineInfo & {
    loadAverageBefore: number[];
    loadAverageAfter: number[];
    /** version() of the PostgreSQL server, when one was used. */
    postgresVersion: string | null;
  };
  /** The patients suite, per database. */
  runs: DatabaseRun[];
  /** The scheduling suite, per database. */
  scheduling?: SchedulingRun[];
  /** The duplicates suite, per database (also written alone as duplicates-<time>.json). */
  duplicates?: DuplicatesRun[];
  ok: boolean;
};

type Target = {
  scenario: ScenarioName;
  text: string;
  met(result: ScenarioResult): boolean;
};

/** The goals, for PostgreSQL with audit on at 100k patients. */
export const TARGETS: readonly Target[] = [
  { scenario: 'create patient', text: '≥ 450/s', met: (result) => result.requestsPerSecond >= 450 },
  { scenario: 'read patient', text: '≥ 1,500/s', met: (result) => result.requestsPerSecond >= 1500 },
  { scenario: 'search patients', text: 'p95 ≤ 25 ms', met: (result) => result.latency.p95 <= 25 },
  // Not a target of its own: the same latency goal for a search that does not queue behind others.
  {
    scenario: 'search patients, 1 connection',
    text: 'p95 ≤ 25 ms',
    met: (result) => result.latency.p95 <= 25,
  },
];

/** What a scenario's numbers say against the targets; only PostgreSQL runs are held to them. */
export function judge(database: DatabaseKind, result: ScenarioResult): string[] {
  return TARGETS.filter((target) => target.scenario === result.name).map((target) => {
    if (database !== 'postgres') return `${target.text} (PostgreSQL target)`;
    return `${target.text}: ${target.met(result) ? 'met' : 'MISSED'}`;
  });
}

/** The maximum error share before a run is declared worthless. */
export const MAX_ERROR_RATE = 0.001;

export function formatRun(run: DatabaseRun): string {
  const lines = [
    `\n${run.database === 'postgres' ? 'PostgreSQL' : 'PGlite'} — ${run.databaseVersion}`,
    `${run.patients.toLocaleString('en-US')} patients seeded in ${run.seed.seconds.toFixed(1)} s ` +
      `(${Math.round(run.seed.patientsPerSecond).toLocaleString('en-US')} patients/s), ` +
      `vacuum + analyze ${run.seed.analyzeSeconds.toFixed(1)} s` +
      (run.seed.nameWords ? `; name dictionary ${run.seed.nameWords.toLocaleString('en-US')} words` : ''),
    `load average before ${run.loadAverageBefore.join(' ')}, after ${run.loadAverageAfter.join(' ')}`,
    '',
  ];
  lines.push(scenarioTable(run.database, run.scenarios));
  for (const search of run.scenarios.filter((scenario) => scenario.name.startsWith('search'))) {
    if (!search.byLabel) continue;
    lines.push('', `${search.name}: by kind of query`);
    lines.push(
      table(
        ['kind', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'found something'],
        Object.entries(search.byLabel).map(([kind, stats]) => [
          kind,
          String(stats.requests),
          stats.p50.toFixed(1),
          stats.p95.toFixed(1),
          stats.p99.toFixed(1),
          percent(run.searchMatchRate[kind as SearchKind]),
        ]),
      ),
    );
  }
  const audit = run.scenarios.map((scenario) => `${scenario.name} ${scenario.auditUnsealedAfter ?? '-'}`);
  lines.push(
    '',
    `audit rows: ${run.auditEventsAtEnd ?? '-'} at the end; unsealed after each scenario: ${audit.join(', ')}`,
  );
  for (const problem of run.problems) lines.push(`!! ${problem}`);
  return lines.join('\n');
}

/** The table of scenarios: throughput, latency, errors, where the CPU went, and the targets. */
export function scenarioTable(database: DatabaseKind, scenarios: readonly MeasuredScenario[]): string {
  const embedded = database === 'pglite';
  return table(
    [
      'scenario',
      'conns',
      'req/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'errors',
      'CPU % srv/pg/bench/other',
      'CPU ms/req srv/pg',
      'queries/req',
      'target',
    ],
    scenarios.map((scenario) => [
      scenario.name,
      String(scenario.connections),
      scenario.requestsPerSecond.toFixed(1),
      scenario.latency.p50.toFixed(1),
      scenario.latency.p95.toFixed(1),
      scenario.latency.p99.toFixed(1),
      scenario.errors ? `${scenario.errors} (${(scenario.errorRate * 100).toFixed(2)}%)` : '0',
      // PGlite runs inside the server process: its CPU is the server's.
      scenario.cpu
        ? `${scenario.cpu.server}/${embedded ? '-' : scenario.cpu.postgres}/${scenario.cpu.bench}/${scenario.cpu.other}`
        : '-',
      scenario.cpu
        ? `${cpuMs(scenario, scenario.cpu.server)}/${embedded ? '-' : cpuMs(scenario, scenario.cpu.postgres)}`
        : '-',
      scenario.queriesPerRequest === null ? '-' : scenario.queriesPerRequest.toFixed(1),
      scenario.verdicts.join('; ') || '-',
    ]),
  );
}

export function formatMachine(machine: BenchReport['machine']): string {
  return [
    `machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGb} GB, ${machine.platform}`,
    `node ${machine.nodeVersion}; PostgreSQL server ${machine.postgresVersion ?? 'not used'}`,
    `load average before ${machine.loadAverageBefore.join(' ')}, after ${machine.loadAverageAfter.join(' ')}`,
    '',
    'CPU %: share of one core while the scenario ran — the server process / PostgreSQL / this process ' +
      '(autocannon) / everything else on the machine. CPU ms/req: server and PostgreSQL CPU per 2xx response. ' +
      'queries/req: SQL statements the server ran per 2xx response (BEGIN/COMMIT not counted). Latencies are of ' +
      '2xx responses.',
  ].join('\n');
}

/** Writes the report as bench/results/<ISO timestamp>.json and returns the path. */
export function writeReport(
  report: BenchReport,
  directory = path.join(import.meta.dirname, 'results'),
): string {
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `${report.startedAt.replace(/:/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** CPU milliseconds per 2xx response, from a share of one core over the scenario. */
export function cpuMs(scenario: MeasuredScenario, share: number): string {
  return scenario.requests ? (((share / 100) * scenario.seconds * 1000) / scenario.requests).toFixed(2) : '-';
}

function percent(value: number | undefined): string {
  return value === undefined ? '-' : `${Math.round(value * 100)}%`;
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const render = (cells: string[]) =>
    cells
      .map((cell, column) =>
        // Text columns (the first and, in the scenario table, the target) read left to right.
        column === 0 || header[column] === 'target'
          ? cell.padEnd(widths[column]!)
          : cell.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(render)].join(
    '\n',
  );
}
