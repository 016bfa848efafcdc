/**
 * `npm run bench [-- --only forecast|forecast-quality|api|capacity|bundles|load|portal|lead-race[,…]] [--load-seconds 60] [--forecast-counts 10000,100000]`
 * Runs the chosen parts (default: all), each on its own fresh local stack (forecast-quality needs none), prints their tables and writes
 * bench/results/<timestamp>.json and bench/results/latest.json.
 */
import './sdk-environment.js';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { apiBench, capacityBench } from './api.js';
import { bundlesBench } from './bundles.js';
import { forecastBench } from './forecast.js';
import { forecastQualityBench } from './forecast-quality.js';
import { leadRaceBench } from './lead-race.js';
import { loadBench } from './load.js';
import { alarm, progress, writeResults } from './output.js';
import { portalBench } from './portal.js';

const PARTS = ['forecast', 'forecast-quality', 'api', 'capacity', 'bundles', 'load', 'portal', 'lead-race'] as const;
type Part = (typeof PARTS)[number];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'load-seconds': { type: 'string', default: '60' },
    'forecast-counts': { type: 'string', default: '10000,100000' },
  },
});

const only = values.only?.split(',').map((p) => p.trim()) ?? [...PARTS];
const unknown = only.filter((p) => !(PARTS as readonly string[]).includes(p));
if (unknown.length) throw new Error(`unknown part ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`);
const loadSeconds = Number(values['load-seconds']);
const forecastCounts = (values['forecast-counts'] ?? '').split(',').map(Number);
if (!(loadSeconds > 0) || !forecastCounts.every((n) => Number.isInteger(n) && n > 0)) {
  throw new Error('--load-seconds takes a positive number, --forecast-counts positive integers separated by commas');
}

const runners: Record<Part, () => Promise<unknown>> = {
  forecast: () => forecastBench(forecastCounts),
  'forecast-quality': async () => forecastQualityBench(),
  api: () => apiBench(),
  capacity: () => capacityBench(),
  bundles: () => bundlesBench(),
  load: () => loadBench(loadSeconds),
  portal: () => portalBench(),
  'lead-race': () => leadRaceBench(),
};

/** The commit measured, and how many files outside bench/ differed from it (others may be editing the tree). */
function workingTree() {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  const changed = git('status', '--porcelain')
    .split('\n')
    .filter((line) => line && !line.slice(3).startsWith('bench/'));
  return { commit: git('rev-parse', '--short', 'HEAD'), changedFilesOutsideBench: changed.length };
}

const loadAverage = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

const startedAt = new Date();
const loadAverages: Record<string, { before: number[]; after: number[] }> = {};
const results: Record<string, unknown> = {
  startedAt: startedAt.toISOString(),
  workingTree: workingTree(),
  machine: {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  },
  options: { parts: only, loadSeconds, forecastCounts },
  loadAverages,
};

for (const part of PARTS.filter((p) => only.includes(p))) {
  progress(`part ${part}`);
  const before = loadAverage();
  try {
    results[part] = await runners[part]();
  } catch (error) {
    alarm(`${part} FAILED: ${(error as Error).stack ?? String(error)}`);
    results[part] = { failed: String(error) };
    process.exitCode = 1;
  }
  loadAverages[part] = { before, after: loadAverage() };
  progress(`part ${part} done; load average (1, 5, 15 min) before ${before.join(', ')}, after ${loadAverages[part].after.join(', ')}`);
}

results.finishedAt = new Date().toISOString();
console.log(`\nResults: ${writeResults(results, startedAt)} (and bench/results/latest.json)`);
