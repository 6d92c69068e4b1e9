/** The district's mean inspection score per round, drawn large for the stage (layout by charts/line-chart). */
import { lineChart } from '../../charts/line-chart.ts';
import { formatMonthDay, formatScore } from '../../core/index.ts';

const WIDTH = 760;
// Styles are attributes, not CSS classes, so the exported slide (paint-stage.ts) draws the chart as shown.
const INK = '#60a5fa';
const LABEL = { fill: '#f8fafc', fontSize: 26, fontFamily: "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', sans-serif" };
const HEIGHT = 220;

export function SlideTrendChart({ values }: { values: { date: string; value: number }[] }) {
  const low = Math.floor(Math.min(...values.map((v) => v.value)) / 10) * 10;
  const high = Math.ceil(Math.max(...values.map((v) => v.value)) / 10) * 10;
  const chart = lineChart([{ key: 'district', points: values }], { width: WIDTH, height: HEIGHT, margin: { top: 40, right: 40, bottom: 40, left: 40 }, yDomain: [low, high === low ? low + 10 : high] });
  const { path, dots } = chart.lines[0]!;
  const first = dots[0]!;
  const last = dots.at(-1)!;
  return (
    <svg className="trend-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`检查平均分：${formatMonthDay(first.date)} ${formatScore(first.value)} 分，${formatMonthDay(last.date)} ${formatScore(last.value)} 分`}>
      <path d={path} fill="none" stroke={INK} strokeWidth={5} />
      {dots.map((point) => (
        <circle key={point.date} cx={point.x} cy={point.y} r={6} fill={INK} />
      ))}
      <text x={first.x} y={first.y - 14} {...LABEL} textAnchor="start">
        {formatScore(first.value)}
      </text>
      <text x={last.x} y={last.y - 14} {...LABEL} textAnchor="end">
        {formatScore(last.value)}
      </text>
      <text x={first.x} y={HEIGHT - 6} {...LABEL} textAnchor="start">
        {formatMonthDay(first.date)}
      </text>
      <text x={last.x} y={HEIGHT - 6} {...LABEL} textAnchor="end">
        {formatMonthDay(last.date)}
      </text>
    </svg>
  );
}
