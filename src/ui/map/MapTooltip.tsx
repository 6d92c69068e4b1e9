import { GRADE_LABELS, RED_LIGHT_WORD, type CommunityAssessment, type Grade } from '../../core/index.ts';
import { formatScore } from '../format.ts';

/** The hovered community: name, score as of the chosen round and its lagging reasons (the core's answer). */
export function MapTooltip({ assessment, point }: { assessment: CommunityAssessment & { grade?: Grade }; point: { x: number; y: number } }) {
  return (
    <div className="map-tooltip" data-testid="map-tooltip" data-code={assessment.code} style={{ left: point.x + 14, top: point.y + 14 }} role="tooltip">
      <strong>{assessment.name}</strong>
      <span className="muted"> {assessment.street}</span>
      <div>
        检查得分 {formatScore(assessment.score)}
        {assessment.rubricScore !== null && <span className="muted">（台账评分 {formatScore(assessment.rubricScore)}）</span>}
      </div>
      {assessment.grade && <div className={`grade-text grade-${assessment.grade}`} data-testid="tooltip-grade">分级：{GRADE_LABELS[assessment.grade]}</div>}
      {assessment.lagging ? (
        <ul className="reasons">
          {assessment.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : (
        <div className="ok-text">未{RED_LIGHT_WORD}</div>
      )}
    </div>
  );
}
