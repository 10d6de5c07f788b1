import type { MachineInfo } from './machine';

/** One compared pair, as the bench keeps it. */
export type Outcome = {
  score: number;
  /** A planted duplicate pair. */
  duplicate: boolean;
  /** A planted hard negative, and its kind. */
  negative: string | null;
  corruptions: string[] | null;
  passes: string[];
};

export type ThresholdResult = {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  precision: number;
  recall: number;
  f1: number;
};

export type DuplicatesRun = {
  startedAt: string;
  options: {
    patients: number;
    duplicates: number;
    hardNegatives: number;
    db: string;
    shards: number;
    seed: number;
  };
  databaseVersion: string;
  machine: MachineInfo & { loadAverageBefore: number[]; loadAverageAfter: number[] };
  population: { patients: number; households: number; plantedDuplicates: number; hardNegatives: number };
  threshold: number;
  result: ThresholdResult;
  blocking: {
    pairsCompared: number;
    plantedPairsCompared: number;
    blockingRecall: number;
    plantedFoundByPass: Record<string, number>;
  };
  sweep: ThresholdResult[];
  falseAlarms: Record<string, number>;
  hardNegativesFlagged: Record<string, { planted: number; flagged: number }>;
  missedBy: Record<string, number>;
  timing: {
    seedSeconds: number;
    analyzeSeconds: number;
    detectSeconds: number;
    queryAndScoreSeconds: number;
    countNamesSeconds: number;
    pairsPerSecond: number;
    totalSeconds: number;
  };
  /** Some false alarms and misses at the threshold, each with its score and reasons. */
  examples: { falseAlarms: string[]; misses: string[] };
  targets: { precision: number; recall: number; met: boolean };
};

const percent = (value: number) => `${(value * 100).toFixed(2)}%`;

/** The run as a readable summary. */
export function formatDuplicatesRun(run: DuplicatesRun): string {
  const lines: string[] = [];
  const { result } = run;
  lines.push(
    `Duplicates bench on ${run.databaseVersion}: ${run.population.patients.toLocaleString('en-US')} patients ` +
      `(${run.population.households.toLocaleString('en-US')} in shared households), ` +
      `${run.population.plantedDuplicates} planted duplicates, ${run.population.hardNegatives} hard negatives`,
  );
  lines.push(
    `machine: ${run.machine.cores} cores, ${run.machine.cpuModel}, load ${run.machine.loadAverageBefore.join(' ')} → ` +
      `${run.machine.loadAverageAfter.join(' ')}`,
  );
  lines.push('');
  lines.push(
    `at threshold ${run.threshold}: precision ${percent(result.precision)}, recall ${percent(result.recall)}, ` +
      `F1 ${result.f1.toFixed(4)} (${result.truePositives} found, ${result.falsePositives} false alarms, ` +
      `${run.population.plantedDuplicates - result.truePositives} missed)`,
  );
  lines.push(
    `targets (precision ≥ ${run.targets.precision} at recall ≥ ${run.targets.recall}): ` +
      (run.targets.met ? 'MET' : 'NOT MET'),
  );
  lines.push(
    `blocking: ${run.blocking.pairsCompared.toLocaleString('en-US')} pairs compared; ` +
      `${percent(run.blocking.blockingRecall)} of planted pairs reached the scorer ` +
      `(by pass: ${Object.entries(run.blocking.plantedFoundByPass)
        .map(([pass, count]) => `${pass} ${count}`)
        .join(', ')})`,
  );
  lines.push('');
  lines.push('threshold  precision  recall    F1      found  false alarms');
  for (const row of run.sweep) {
    lines.push(
      `${row.threshold.toFixed(3).padEnd(9)}  ${percent(row.precision).padStart(8)}  ${percent(row.recall).padStart(8)}  ` +
        `${row.f1.toFixed(4)}  ${String(row.truePositives).padStart(5)}  ${String(row.falsePositives).padStart(6)}`,
    );
  }
  lines.push('');
  lines.push(
    `false alarms at ${run.threshold}: ${
      Object.entries(run.falseAlarms)
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', ') || 'none'
    }`,
  );
  lines.push(
    `hard negatives flagged: ${Object.entries(run.hardNegativesFlagged)
      .map(([kind, entry]) => `${kind} ${entry.flagged}/${entry.planted}`)
      .join(', ')}`,
  );
  lines.push(
    `missed duplicates by corruption: ${
      Object.entries(run.missedBy)
        .slice(0, 12)
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', ') || 'none'
    }`,
  );
  lines.push(
    `time: seed ${run.timing.seedSeconds} s, analyze ${run.timing.analyzeSeconds} s, ` +
      `count names ${run.timing.countNamesSeconds} s, detect ${run.timing.detectSeconds} s ` +
      `(${run.timing.pairsPerSecond.toLocaleString('en-US')} pairs/s), total ${run.timing.totalSeconds} s`,
  );
  return lines.join('\n');
}
