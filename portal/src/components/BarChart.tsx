import { lazy, Suspense, useEffect, useRef, useState } from 'react';
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

/** True once the element has come near the viewport; charts below the fold cost a phone nothing until then. */
function useNearViewport() {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || near) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return { ref, near };
}

/**
 * A bar chart (Chart.js, loaded when it first comes near the screen) with its numbers as a table for those who
 * cannot see it. The box keeps its height while loading, so nothing around it moves.
 */
export function BarChart(props: BarChartProps) {
  const { ref, near } = useNearViewport();
  return (
    <figure>
      <div className="chart-box" ref={ref}>
        {near ? (
          <Suspense fallback={<Loading />}>
            <ChartCanvas {...props} />
          </Suspense>
        ) : null}
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
