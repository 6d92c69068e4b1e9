import { CASE_COLOUR_LABELS, type CaseColour } from '../../core/index.ts';
import { CASE_COLOURS } from '../../map/case-layer.ts';

/** The three-colour badge 三色督办 of a case (the colour the server's core computed); nothing when it has none. */
export function CaseBadge({ colour }: { colour: CaseColour | null }) {
  if (!colour) return null;
  return (
    <span className={`case-badge ${colour}`} data-testid="case-colour" data-colour={colour} style={{ borderColor: CASE_COLOURS[colour] }}>
      <span className="case-dot" aria-hidden="true" style={{ background: CASE_COLOURS[colour] }} />
      {CASE_COLOUR_LABELS[colour]}
    </span>
  );
}
