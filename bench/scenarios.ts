import autocannon from 'autocannon';
import { syntheticPatients } from '../apps/server/src/demo/synthetic';
import { normalizeName } from '../apps/server/src/modules/patients';
import { formatPhone } from '../apps/server/src/platform/phone';
import type { SamplePatient } from './seed';

export type ScenarioName =
  'sign-in' | 'create patient' | 'read patient' | 'search patients' | 'search patients, 1 connection';

/** One request to send: where, what, and a label to break latency down by (search: the kind of query). */
export type BenchRequest = { method: 'GET' | 'POST'; path: string; body?: string; label?: string };

export type ScenarioSpec = {
  name: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** Requests per second over all connections; unset: as fast as the server answers. */
  rate?: number;
  /** Sent with every request (the session cookie). */
  headers: Record<string, string>;
  next(): BenchRequest;
};

export type Latency = { p50: number; p95: number; p99: number; mean: number; max: number };

export type ScenarioResult = {
  name: string;
  connections: number;
  seconds: number;
  /** Responses with a 2xx status. */
  requests: number;
  requestsPerSecond: number;
  /** Of 2xx responses, in milliseconds. */
  latency: Latency;
  /** Non-2xx responses plus connection errors and timeouts. */
  errors: number;
  errorRate: number;
  statusCodes: Record<string, number>;
  timeouts: number;
  byLabel?: Record<string, Latency & { requests: number }>;
};

/** Sends the scenario's requests from `connections` keep-alive connections for `seconds`. */
export async function runLoad(baseUrl: string, spec: ScenarioSpec, seconds: number): Promise<ScenarioResult> {
  const latencies: number[] = [];
  const byLabel = new Map<string, number[]>();
  // onResponse and the 'response' event fire back to back for the same client: the label travels between them.
  let lastLabel: string | undefined;
  const started = performance.now();
  const instance = autocannon({
    url: baseUrl,
    connections: spec.connections,
    duration: seconds,
    ...(spec.rate ? { overallRate: spec.rate } : {}),
    timeout: 30,
    headers: { 'content-type': 'application/json', ...spec.headers },
    requests: [
      {
        setupRequest: (request, context) => {
          const next = spec.next();
          context.label = next.label;
          return {
            ...request,
            method: next.method,
            path: next.path,
            ...(next.body ? { body: next.body } : {}),
          };
        },
        onResponse: (_status, _body, context) => {
          lastLabel = context.label as string | undefined;
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode < 200 || statusCode > 299) return;
    latencies.push(responseTime);
    if (lastLabel === undefined) return;
    let list = byLabel.get(lastLabel);
    if (!list) byLabel.set(lastLabel, (list = []));
    list.push(responseTime);
  });
  const result = await instance;
  const elapsed = Math.min((performance.now() - started) / 1000, result.duration || Infinity);
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, stat]) => [code, stat.count]),
  );
  const errors = result.non2xx + result.errors;
  const attempts = latencies.length + errors;
  return {
    name: spec.name,
    connections: spec.connections,
    seconds: round(elapsed, 2),
    requests: latencies.length,
    requestsPerSecond: round(latencies.length / elapsed, 1),
    latency: summarize(latencies),
    errors,
    errorRate: attempts ? errors / attempts : 1,
    statusCodes,
    timeouts: result.timeouts,
    ...(byLabel.size
      ? {
          byLabel: Object.fromEntries(
            [...byLabel].map(([label, values]) => [label, { requests: values.length, ...summarize(values) }]),
          ),
        }
      : {}),
  };
}

export function summarize(values: number[]): Latency {
  if (values.length === 0) return { p50: NaN, p95: NaN, p99: NaN, mean: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (quantile: number) =>
    round(sorted[Math.max(0, Math.ceil(quantile * sorted.length) - 1)] ?? NaN, 2);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean: round(sum / sorted.length, 2), max: at(1) };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A copy of the list in random order (Fisher–Yates). */
function shuffle<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(Math.random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

/** Cycles through a list in a random order, forever. */
function shuffled<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('nothing to cycle through');
  const order = shuffle(items);
  let index = 0;
  return () => order[index++ % order.length] as T;
}

/** Sign-in with email and password, round-robin over the organization's staff accounts. */
export function signInRequests(emails: readonly string[], password: string): () => BenchRequest {
  const next = shuffled(emails);
  return () => ({
    method: 'POST',
    path: '/api/auth/login',
    body: JSON.stringify({ email: next(), password }),
  });
}

/** New patients: synthetic people from a different stream than the seeded ones, each body with its own email. */
export function createPatientRequests(): () => BenchRequest {
  const people = syntheticPatients(5000, 77_777);
  let counter = 0;
  return () => {
    const person = people[counter % people.length]!;
    counter += 1;
    return {
      method: 'POST',
      path: '/api/patients',
      body: JSON.stringify({
        familyName: person.familyName,
        givenNames: person.givenNames,
        birthDate: person.birthDate,
        sex: person.sex,
        phone: formatPhone(person.phone),
        email: `bench.${process.pid}.${counter}@example.com`,
      }),
    };
  };
}

/** Reads of existing patients, by id, in random order. */
export function readPatientRequests(samples: readonly SamplePatient[]): () => BenchRequest {
  const next = shuffled(samples);
  return () => ({ method: 'GET', path: `/api/patients/${next().id}` });
}

export type SearchKind = 'name prefix' | 'family given' | 'birth date' | 'phone' | 'mrn' | 'typo';

/** How often a specialist types each kind of query, in percent. */
export const SEARCH_MIX: Record<SearchKind, number> = {
  'name prefix': 25,
  'family given': 20,
  'birth date': 15,
  phone: 10,
  mrn: 15,
  typo: 15,
};

/** What a specialist types for one seeded patient, by kind of query. */
export function searchText(kind: SearchKind, patient: SamplePatient): string | null {
  const family = normalizeName(patient.familyName).split(' ');
  const given = normalizeName(patient.givenNames).split(' ')[0] ?? '';
  const longest = family.reduce((best, part) => (part.length > best.length ? part : best), '');
  switch (kind) {
    case 'name prefix':
      return longest.length >= 3 ? longest.slice(0, 3) : null;
    case 'family given':
      return `${longest} ${given}`;
    case 'birth date': {
      const [year, month, day] = patient.birthDate.split('-');
      // Half typed as ISO dates, half as US dates (3/14/1975).
      return Math.random() < 0.5 ? patient.birthDate : `${Number(month)}/${Number(day)}/${year}`;
    }
    case 'phone':
      return patient.phone ? formatPhone(patient.phone) : null;
    case 'mrn':
      return patient.mrn;
    case 'typo':
      // One wrong last letter of a long family name ("rodriguez" → "rodriguex"): the trigram pass finds it.
      return longest.length >= 7 ? `${longest.slice(0, -1)}${longest.endsWith('x') ? 'q' : 'x'}` : null;
  }
}

/** A shuffled deck of search queries in SEARCH_MIX proportions, each drawn from a seeded patient. */
export function searchDeck(
  samples: readonly SamplePatient[],
  size = 4000,
): { kind: SearchKind; q: string }[] {
  const deck: { kind: SearchKind; q: string }[] = [];
  const pick = shuffled(samples);
  for (const [kind, percent] of Object.entries(SEARCH_MIX) as [SearchKind, number][]) {
    const wanted = Math.round((size * percent) / 100);
    for (let found = 0, attempts = 0; found < wanted && attempts < wanted * 50; attempts += 1) {
      const q = searchText(kind, pick());
      if (!q) continue;
      deck.push({ kind, q });
      found += 1;
    }
  }
  return shuffle(deck);
}

export function searchRequests(deck: readonly { kind: SearchKind; q: string }[]): () => BenchRequest {
  const next = shuffled(deck);
  return () => {
    const entry = next();
    return { method: 'GET', path: `/api/patients?q=${encodeURIComponent(entry.q)}`, label: entry.kind };
  };
}
