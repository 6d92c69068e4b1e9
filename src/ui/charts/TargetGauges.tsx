import { gaugeArcs } from '../../charts/gauge.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';

const RADIUS = 42;

/** Half-circle gauges for the campaign targets (demonstration count, civilized share, city-level count). */
export function TargetGauges({ store }: { store: AppStore }) {
  const report = useAppStore(store, selectLaggingReport);
  if (!report) return null;
  return (
    <section className="gauges" aria-label="目标完成情况" data-testid="target-gauges">
      {report.targets.map((target) => {
        const arcs = gaugeArcs(target.progress, { radius: RADIUS, thickness: 10 });
        const value = target.valueText;
        const goal = target.targetText;
        return (
          <figure key={target.id} className={target.met ? 'gauge met' : 'gauge'} data-target={target.id} title={target.note}>
            <svg width={RADIUS * 2 + 4} height={RADIUS + 8} viewBox={`${-RADIUS - 2} ${-RADIUS - 2} ${RADIUS * 2 + 4} ${RADIUS + 8}`} role="img" aria-label={`${target.label} ${value} / ${goal}`}>
              <path d={arcs.track} className="track" />
              <path d={arcs.value} className="value" />
              <text y={-4} textAnchor="middle" className="gauge-value">
                {value}
              </text>
            </svg>
            <figcaption>
              {target.label}
              <span className="muted"> 目标 {goal}</span>
            </figcaption>
          </figure>
        );
      })}
    </section>
  );
}
