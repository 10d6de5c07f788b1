import fs from 'node:fs';
import os from 'node:os';

/** What the machine was like when the numbers were taken. */
export type MachineInfo = {
  cores: number;
  cpuModel: string;
  memoryGb: number;
  platform: string;
  nodeVersion: string;
  loadAverage: number[];
};

export function machineInfo(): MachineInfo {
  return {
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    nodeVersion: process.version,
    loadAverage: loadAverage(),
  };
}

export function loadAverage(): number[] {
  return os.loadavg().map((value) => Math.round(value * 100) / 100);
}

/** CPU time (clock ticks) used so far by the server process, this process, and PostgreSQL's processes. */
export type CpuSample = {
  server: number;
  bench: number;
  postgres: number;
  machineBusy: number;
  machineAll: number;
};

/**
 * Where the CPU went during a scenario, in percent of one core: the server process, this process (autocannon),
 * PostgreSQL's processes, and everything else on the machine (other tenants of a shared box). `machine` is the busy
 * share of all cores.
 */
export type CpuShare = { server: number; bench: number; postgres: number; other: number; machine: number };

/**
 * Reads /proc (Linux); null elsewhere. With `database`, PostgreSQL's share is its background processes and the
 * backends connected to that database only: another tenant's load on the same server counts as "other".
 */
export function sampleCpu(serverPid: number, database?: string | null): CpuSample | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const jiffies = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (jiffies[3] ?? 0) + (jiffies[4] ?? 0);
    const all = jiffies.reduce((sum, value) => sum + value, 0);
    let postgres = 0;
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = readStat(Number(entry));
      if (stat?.command !== 'postgres') continue;
      if (database && !servesDatabase(Number(entry), database)) continue;
      postgres += stat.ticks;
    }
    return {
      server: readStat(serverPid)?.ticks ?? 0,
      bench: readStat(process.pid)?.ticks ?? 0,
      postgres,
      machineBusy: all - idle,
      machineAll: all,
    };
  } catch {
    return null;
  }
}

export function cpuBetween(before: CpuSample | null, after: CpuSample | null): CpuShare | null {
  if (!before || !after) return null;
  const cores = os.availableParallelism();
  // Ticks of wall time per core, measured by the kernel's own counter.
  const elapsed = (after.machineAll - before.machineAll) / cores;
  if (elapsed <= 0) return null;
  const percent = (ticks: number) => Math.round((ticks / elapsed) * 100);
  const server = percent(after.server - before.server);
  const bench = percent(after.bench - before.bench);
  const postgres = percent(after.postgres - before.postgres);
  const busy = percent(after.machineBusy - before.machineBusy);
  return {
    server,
    bench,
    postgres,
    other: Math.max(0, busy - server - bench - postgres),
    machine: Math.round(busy / cores),
  };
}

function readStat(pid: number): { command: string; ticks: number } | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const open = text.indexOf('(');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    // Fields 14 and 15 of stat(5), utime and stime; `fields` starts at field 3.
    return { command: text.slice(open + 1, close), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/**
 * A backend's title is `postgres: <cluster>: <user> <database> <address>(<port>) <state>`; a background process
 * (checkpointer, WAL writer, a parallel worker) names no client and counts for every database.
 */
function servesDatabase(pid: number, database: string): boolean {
  try {
    const title = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    const backend = /\(\d+\)|\[local\]/.test(title);
    return !backend || title.includes(` ${database} `);
  } catch {
    return false;
  }
}
