import { lineChart } from '../../charts/line-chart.ts';
import { LOW_SCORE_WORD, type ScorePoint } from '../../core/index.ts';
import { LineAxes, LineDots } from './LineChart.tsx';

/** A community's inspection scores as of the chosen round, with score and date axes and the lagging line. */
export function ScoreHistoryChart({ history, reference, label }: { history: readonly ScorePoint[]; reference: number | null; label: string }) {
  const width = 340;
  const height = 120;
  const layout = lineChart([{ key: 'score', points: history.map((point) => ({ date: point.date, value: point.score, kind: point.kind })) }], { width, height, reference, xTickCount: 4 });
  const line = layout.lines[0]!;
  return (
    <figure className="score-history">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid="score-history">
        <LineAxes layout={layout} />
        <path d={line.path} className="line" />
        <LineDots dots={line.dots} label="得分" />
      </svg>
      <figcaption className="muted">
        {history.length} 次检查（● 周查 ■ 月查 ○ 通报）{reference !== null && `，虚线为 ${reference} 分线（低于为${LOW_SCORE_WORD}）`}
      </figcaption>
    </figure>
  );
}
