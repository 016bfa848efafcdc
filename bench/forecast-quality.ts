/**
 * Part "forecast-quality": the product's forecast measured on a simulated dealer network with known outcomes
 * (bench/forecast-quality/). Prints the error per weighting, per product line and region, and the calibration;
 * writes the plot and table to bench/results/forecast-quality.html and copies it to docs/.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MEASURED_QUALITY } from '../shared/forecast/measured-quality.js';
import { METHODS, MIN_DECILE_DEALS, measureForecastQuality, type QualityResult } from './forecast-quality/measurement.js';
import { generateNetwork } from './forecast-quality/network.js';
import { calibrationChart, qualityPage, revenueChart } from './forecast-quality/plot.js';
import { alarm, printTable, progress } from './output.js';

export const QUALITY_SEED = 20_261_201;
export const QUALITY_DEALERS = 200;

const RESULTS = path.join(import.meta.dirname, 'results');
const DOCS = path.join(import.meta.dirname, '..', 'docs');

export function forecastQualityBench(seed = QUALITY_SEED, dealers = QUALITY_DEALERS) {
  progress(`forecast-quality: simulating ${dealers} dealers for 24 months (seed ${seed})`);
  const result = measureForecastQuality(generateNetwork(seed, dealers));
  progress(`forecast-quality: ${result.registrations} registrations simulated and measured in ${result.runSeconds} s`);
  print(result);
  mkdirSync(RESULTS, { recursive: true });
  const page = path.join(RESULTS, 'forecast-quality.html');
  writeFileSync(page, qualityPage(result));
  const charts = {
    'forecast-quality-revenue.svg': revenueChart(result),
    'forecast-quality-calibration.svg': calibrationChart(result.calibration),
  };
  for (const [name, svg] of Object.entries(charts)) writeFileSync(path.join(RESULTS, name), `${svg}\n`);
  mkdirSync(DOCS, { recursive: true });
  for (const name of ['forecast-quality.html', ...Object.keys(charts)]) copyFileSync(path.join(RESULTS, name), path.join(DOCS, name));
  progress(`forecast-quality: plot and table in ${page}, charts as SVG beside it (all copied to docs/)`);
  const { forecasts, ...summary } = result;
  return {
    ...summary,
    forecasts: forecasts.map((f) => ({
      monthEnd: f.monthEnd,
      window: f.window,
      actual: f.actual.total,
      predicted: Object.fromEntries(METHODS.map((m) => [m, f.predicted[m].total])),
    })),
  };
}

function print(result: QualityResult) {
  const lines = Object.keys(result.errorByLine.stage);
  const regions = Object.keys(result.errorByRegion.stage);
  printTable(
    `Forecast of the next 3 months' won revenue, mean absolute % error over the month ends of year 2 (seed ${result.seed}, ${result.dealers} dealers)`,
    [
      'method',
      'error %',
      'bias %',
      'error % months 3-21',
      ...lines.map((l) => `${l} %`),
      ...regions.map((r) => `${r} %`),
      'calibration gap (pts)',
    ],
    METHODS.map((m) => [
      m,
      result.error[m],
      result.bias[m],
      result.errorAll[m],
      ...lines.map((l) => result.errorByLine[m][l]),
      ...regions.map((r) => result.errorByRegion[m][r]),
      m === 'pipeline' ? undefined : result.calibrationGap[m],
    ]),
  );
  for (const [weighting, bins] of Object.entries(result.calibration)) {
    printTable(
      `Calibration of ${weighting}: win chance predicted at month ends of year 2 for deals stated to close in the next 3 months, against their outcome (gap counted where ≥ ${MIN_DECILE_DEALS} deals)`,
      ['decile', 'deals', 'mean predicted %', 'observed win rate %', 'gap (pts)'],
      bins
        .filter((b) => b.deals > 0)
        .map((b) => [
          `${b.from.toFixed(1)}–${b.to.toFixed(1)}`,
          b.deals,
          Math.round(b.meanPredicted * 1000) / 10,
          Math.round(b.observedRate * 1000) / 10,
          Math.round((b.observedRate - b.meanPredicted) * 1000) / 10,
        ]),
    );
  }
  const stale = (Object.keys(MEASURED_QUALITY) as (keyof typeof MEASURED_QUALITY)[]).filter(
    (w) => MEASURED_QUALITY[w].errorPercent !== result.error[w] || MEASURED_QUALITY[w].calibrationGapPoints !== result.calibrationGap[w],
  );
  if (result.seed === QUALITY_SEED && result.dealers === QUALITY_DEALERS && stale.length) {
    alarm(`the figures the report states (shared/forecast/measured-quality.ts) differ from this run for ${stale.join(', ')}: update them`);
  }
  const best = METHODS.filter((m) => m !== 'pipeline').reduce((a, b) => (result.error[b] < result.error[a] ? b : a));
  const reduction = (m: 'pipeline' | 'stage') => Math.round((1 - result.error[best] / result.error[m]) * 1000) / 10;
  console.log(
    `\nBest weighting: ${best} — error ${result.error[best]} % (target ≤ 10), calibration gap ${result.calibrationGap[best as 'stage']} points (target ≤ 5), ` +
      `${reduction('stage')} % lower than stage and ${reduction('pipeline')} % lower than the unweighted pipeline (target ≥ 30).`,
  );
}
