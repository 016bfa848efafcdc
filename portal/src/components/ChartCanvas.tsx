import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import type { BarChartProps } from './BarChart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

/** Colours with at least 3:1 contrast against white, told apart by the legend as well. */
const COLOURS = ['#0b5394', '#b45309', '#15803d', '#7c3aed', '#be123c'];

export default function ChartCanvas({ title, labels, series, format, stacked, horizontal }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const valueAxis = {
      stacked: stacked ?? false,
      beginAtZero: true,
      ticks: { callback: (value: string | number) => format(Number(value)) },
    };
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s, index) => ({ label: s.label, data: s.values, backgroundColor: COLOURS[index % COLOURS.length] })),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: series.length > 1 },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${format(Number(item.raw))}` } },
        },
        scales: horizontal ? { x: valueAxis, y: { stacked: stacked ?? false } } : { y: valueAxis, x: { stacked: stacked ?? false } },
      },
    });
    return () => chart.destroy();
  }, [labels, series, format, stacked, horizontal]);
  return <canvas ref={canvas} role="img" aria-label={title} />;
}
