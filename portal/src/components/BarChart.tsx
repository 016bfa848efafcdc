import { lazy, Suspense } from 'react';
import { Loading } from './Loading.js';

export interface BarSeries {
  label: string;
  values: number[];
}

export interface BarChartProps {
  /** What the chart shows, read by screen readers (the table below carries the numbers). */
  title: string;
  labels: string[];
  series: BarSeries[];
  format: (value: number) => string;
  stacked?: boolean;
  horizontal?: boolean;
}

const ChartCanvas = lazy(() => import('./ChartCanvas.js'));

/** A bar chart (Chart.js, loaded on first use) with its numbers as a table for those who cannot see it. */
export function BarChart(props: BarChartProps) {
  return (
    <figure>
      <div className="chart-box">
        <Suspense fallback={<Loading />}>
          <ChartCanvas {...props} />
        </Suspense>
      </div>
      <table className="visually-hidden">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{props.title}</th>
            {props.series.map((s) => (
              <th scope="col" key={s.label}>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.labels.map((label, index) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {props.series.map((s) => (
                <td key={s.label}>{props.format(s.values[index] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
