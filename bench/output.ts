/** Console tables and the results files (bench/results/<timestamp>.json and latest.json). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type Cell = string | number | undefined;

const show = (value: Cell) =>
  value === undefined ? '–' : typeof value === 'number' ? (Number.isFinite(value) ? value.toLocaleString('en-US') : String(value)) : value;

export function printTable(title: string, headers: string[], rows: Cell[][]) {
  const text = rows.map((row) => row.map(show));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.every((row) => typeof row[i] !== 'string'));
  const line = (cells: string[]) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of text) console.log(line(row));
}

/** A line that cannot be missed in the output. */
export function alarm(message: string) {
  console.log(`\n!!!!!!!! ${message} !!!!!!!!\n`);
}

export function progress(message: string) {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

const RESULTS = path.join(import.meta.dirname, 'results');

export function writeResults(results: unknown, startedAt: Date): string {
  mkdirSync(RESULTS, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const file = path.join(RESULTS, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, json);
  writeFileSync(path.join(RESULTS, 'latest.json'), json);
  return file;
}
