/**
 * The forecast-quality report as one HTML page with inline SVG: forecast vs won per month end for each method,
 * the calibration of each weighting's win chances per decile, and the error table. No scripts, no external files.
 */
import type { CalibrationBin, Method, QualityResult } from './measurement.js';
import { FIRST_MEASURED_MONTH_END, METHODS, MIN_DECILE_DEALS } from './measurement.js';

const COLOURS: Record<Method, string> = {
  pipeline: '#9e9e9e',
  stage: '#e07b39',
  history: '#b8a01d',
  dealer: '#4a90c2',
  calibrated: '#1b7f3b',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const millions = (minor: number) => minor / 100 / 1_000_000;

export function revenueChart(result: QualityResult, width = 760, height = 360) {
  const pad = { left: 56, right: 16, top: 16, bottom: 48 };
  const series = result.forecasts;
  const values = series.flatMap((f) => [
    f.actual.total ?? 0,
    ...METHODS.filter((m) => m !== 'pipeline').map((m) => f.predicted[m].total ?? 0),
  ]);
  const max = Math.max(...values.map(millions)) * 1.1;
  const x = (i: number) => pad.left + (i / Math.max(1, series.length - 1)) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
  const line = (points: number[], colour: string, dash = '') =>
    `<polyline fill="none" stroke="${colour}" stroke-width="2" ${dash ? `stroke-dasharray="${dash}"` : ''} points="${points.map((v, i) => `${x(i).toFixed(1)},${y(millions(v)).toFixed(1)}`).join(' ')}"/>`;
  const ticks = Array.from({ length: 5 }, (_, i) => (max * i) / 4);
  const measuredFrom = series.findIndex((f) => f.index >= FIRST_MEASURED_MONTH_END);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="Forecast of the next three months' won revenue against what was won">
  <rect x="${x(measuredFrom)}" y="${pad.top}" width="${x(series.length - 1) - x(measuredFrom)}" height="${height - pad.top - pad.bottom}" fill="#f3f7f3"/>
  ${ticks.map((t) => `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/><text x="${pad.left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="11">${t.toFixed(0)}</text>`).join('')}
  ${series.map((f, i) => (i % 2 === 0 ? `<text x="${x(i)}" y="${height - pad.bottom + 16}" text-anchor="middle" font-size="11">${f.monthEnd}</text>` : '')).join('')}
  <text x="14" y="${pad.top + 120}" font-size="11" transform="rotate(-90 14 ${pad.top + 120})">EUR million, next 3 months</text>
  <text x="${(x(measuredFrom) + x(series.length - 1)) / 2}" y="${pad.top + 14}" text-anchor="middle" font-size="11" fill="#1b7f3b">measured (year 2)</text>
  ${METHODS.filter((m) => m !== 'pipeline')
    .map((m) =>
      line(
        series.map((f) => f.predicted[m].total ?? 0),
        COLOURS[m],
        m === 'calibrated' ? '' : '5 3',
      ),
    )
    .join('\n  ')}
  ${line(
    series.map((f) => f.actual.total ?? 0),
    '#000',
  )}
  ${legend([['won (truth)', '#000'], ...METHODS.filter((m) => m !== 'pipeline').map((m) => [m, COLOURS[m]] as [string, string])], pad.left + 8, height - 14)}
</svg>`;
}

function legend(entries: [string, string][], left: number, top: number) {
  return entries
    .map(
      ([name, colour], i) =>
        `<rect x="${left + i * 120}" y="${top - 8}" width="14" height="4" fill="${colour}"/><text x="${left + i * 120 + 18}" y="${top - 3}" font-size="11">${escapeHtml(name)}</text>`,
    )
    .join('');
}

export function calibrationChart(calibration: Record<string, CalibrationBin[]>, size = 360) {
  const pad = 44;
  const s = (v: number) => pad + v * (size - 2 * pad);
  const yy = (v: number) => size - s(v);
  const weightings = Object.keys(calibration) as Method[];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size + 130}" height="${size}" role="img" aria-label="Calibration: predicted win chance against observed win rate per decile">
  <line x1="${s(0)}" y1="${yy(0)}" x2="${s(1)}" y2="${yy(1)}" stroke="#aaa" stroke-dasharray="4 3"/>
  <rect x="${s(0)}" y="${yy(1)}" width="${s(1) - s(0)}" height="${s(1) - s(0)}" fill="none" stroke="#ccc"/>
  ${[0, 0.25, 0.5, 0.75, 1].map((t) => `<text x="${s(t)}" y="${yy(0) + 16}" text-anchor="middle" font-size="11">${t}</text><text x="${s(0) - 6}" y="${yy(t) + 4}" text-anchor="end" font-size="11">${t}</text>`).join('')}
  <text x="${size / 2}" y="${size - 6}" text-anchor="middle" font-size="11">predicted win chance (decile mean)</text>
  <text x="12" y="${size / 2 + 50}" font-size="11" transform="rotate(-90 12 ${size / 2 + 50})">observed win rate</text>
  ${weightings
    .map((w) => {
      const bins = (calibration[w] ?? []).filter((b) => b.deals >= MIN_DECILE_DEALS);
      return `<polyline fill="none" stroke="${COLOURS[w]}" stroke-width="2" points="${bins.map((b) => `${s(b.meanPredicted).toFixed(1)},${yy(b.observedRate).toFixed(1)}`).join(' ')}"/>${bins
        .map(
          (b) =>
            `<circle cx="${s(b.meanPredicted).toFixed(1)}" cy="${yy(b.observedRate).toFixed(1)}" r="${Math.min(7, 2 + Math.sqrt(b.deals) / 8).toFixed(1)}" fill="${COLOURS[w]}"/>`,
        )
        .join('')}`;
    })
    .join('\n  ')}
  ${weightings.map((w, i) => `<rect x="${size + 4}" y="${pad + i * 18}" width="14" height="4" fill="${COLOURS[w]}"/><text x="${size + 22}" y="${pad + i * 18 + 5}" font-size="11">${escapeHtml(w)}</text>`).join('')}
</svg>`;
}

const cell = (v: number | string) => `<td>${escapeHtml(typeof v === 'number' ? (Number.isFinite(v) ? `${v}` : '–') : v)}</td>`;

export function qualityPage(result: QualityResult): string {
  const lines = Object.keys(result.errorByLine.stage ?? {});
  const regions = Object.keys(result.errorByRegion.stage ?? {});
  const rows = METHODS.map(
    (m) =>
      `<tr><th>${m}</th>${cell(result.error[m])}${cell(result.bias[m])}${cell(result.errorAll[m])}${lines.map((l) => cell(result.errorByLine[m][l] ?? Number.NaN)).join('')}${regions.map((r) => cell(result.errorByRegion[m][r] ?? Number.NaN)).join('')}${cell(m === 'pipeline' ? '–' : result.calibrationGap[m])}</tr>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Forecast quality on a simulated dealer network</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:12px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right;font-size:13px}th{background:#f5f5f5}.charts{display:flex;flex-wrap:wrap;gap:24px}</style></head>
<body>
<h1>Forecast quality: next three months' won revenue</h1>
<p>Simulated network: seed ${result.seed}, ${result.dealers} dealers, ${result.simulatedMonths} months, ${result.registrations.toLocaleString('en-US')} registrations
(${result.truth.wonDeals.toLocaleString('en-US')} won, ${result.truth.silentDeaths.toLocaleString('en-US')} died silently and expired, ${result.truth.expiredWhileAlive} live deals lost their protection).
Error = mean absolute percentage error of the forecast made at each month end of year 2 against what was won in the following three months.</p>
<div class="charts">${revenueChart(result)}${calibrationChart(result.calibration)}</div>
<table><tr><th>method</th><th>error % (year 2)</th><th>bias %</th><th>error % (months 3–21)</th>${lines.map((l) => `<th>${escapeHtml(l)} %</th>`).join('')}${regions.map((r) => `<th>${escapeHtml(r)} %</th>`).join('')}<th>calibration gap (points)</th></tr>
${rows}</table>
</body></html>
`;
}
