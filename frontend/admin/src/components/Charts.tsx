'use client';
import { useI18n } from '../lib/i18n.tsx';

interface Point {
  date: string;
  value: number;
}

const W = 320;
const H = 120;
const PAD_TOP = 8;
const PAD_BOTTOM = 18;

/** A small hand-drawn bar chart of one value per UTC day, with a text summary for screen readers. */
export function BarChart({
  title,
  points,
  color = 'var(--accent)',
}: {
  title: string;
  points: Point[];
  color?: string;
}) {
  const { t } = useI18n();
  const max = Math.max(0, ...points.map((p) => p.value));
  const total = points.reduce((s, p) => s + p.value, 0);
  const n = Math.max(points.length, 1);
  const slot = W / n;
  const barW = Math.max(2, slot * 0.7);
  const plotH = H - PAD_TOP - PAD_BOTTOM;
  const day = (d: string) => d.slice(5);
  return (
    <figure className="chart card">
      <figcaption>
        <span>{title}</span>
        <strong>{total.toLocaleString()}</strong>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t.dashboard.chartSummary(title, total, max)}>
        <line x1={0} x2={W} y1={H - PAD_BOTTOM} y2={H - PAD_BOTTOM} className="chart-axis" />
        {max > 0 && <line x1={0} x2={W} y1={PAD_TOP} y2={PAD_TOP} className="chart-grid" />}
        {points.map((p, i) => {
          const h = max > 0 ? (p.value / max) * plotH : 0;
          return (
            <rect
              key={p.date}
              x={i * slot + (slot - barW) / 2}
              y={H - PAD_BOTTOM - Math.max(h, p.value > 0 ? 1.5 : 0)}
              width={barW}
              height={Math.max(h, p.value > 0 ? 1.5 : 0)}
              rx={1.5}
              fill={color}
            >
              <title>{`${p.date}: ${p.value}`}</title>
            </rect>
          );
        })}
        {max > 0 && (
          <text x={2} y={PAD_TOP + 10} className="chart-label">
            {max.toLocaleString()}
          </text>
        )}
        {points.length > 0 && (
          <>
            <text x={0} y={H - 4} className="chart-label">
              {day(points[0]?.date ?? '')}
            </text>
            <text x={W} y={H - 4} className="chart-label" textAnchor="end">
              {day(points[points.length - 1]?.date ?? '')}
            </text>
          </>
        )}
      </svg>
    </figure>
  );
}
