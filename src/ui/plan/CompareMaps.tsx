import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { unionBounds } from '../../map/bounds.ts';
import { CompareMaps as CompareMapPair } from '../../map/compare-maps.ts';
import { OKABE_ITO } from '../../map/palettes.ts';
import { hasWebGL2 } from '../../map/webgl.ts';
import { diffSelections, selectBaseline } from '../../state/selectors.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import { designationFromCodes } from '../../state/updaters.ts';
import { scrollIntoPanel } from '../scroll-into-panel.ts';

const BASELINE = '现状';
const CURRENT = '当前方案';

/**
 * Two small synchronized maps beside the comparison table: the status table (or a scenario) on
 * the left, a scenario (or the current plan) on the right, with the communities that differ
 * outlined on both. All map code is in src/map/compare-maps.ts.
 *
 * The report keeps this mounted while it is not `shown` (the plan back at the status table), and
 * the maps are made once per dataset, when first shown: on Italy's 7,899 comuni, making the two
 * maps and sending them every community took a 2.5 s main-thread task, and it came back on
 * every toggle that made the plan differ again.
 */
export function CompareMaps({ store, shown = true }: { store: AppStore; shown?: boolean }) {
  const data = useAppStore(store, (state) => state.data);
  const scenarios = useAppStore(store, (state) => state.scenarios);
  const comparing = useAppStore(store, (state) => state.comparing);
  const current = useAppStore(store, (state) => state.plan.designated);
  const [left, setLeft] = useState(BASELINE);
  const [chosenRight, setRight] = useState<string | null>(null);
  const right = chosenRight ?? comparing ?? CURRENT;
  const leftRef = useRef<HTMLDivElement>(null);
  const rightRef = useRef<HTMLDivElement>(null);
  const pairRef = useRef<CompareMapPair | null>(null);
  const [webgl] = useState(() => hasWebGL2());

  // A large set's communities as the main map reads them (its simplified layer, by a data: URL
  // that maplibre's worker fetches and parses); else built here.
  const communities = useMemo<FeatureCollection<Polygon | MultiPolygon> | string | null>(() => {
    if (!data) return null;
    if (data.mapGeoJsonUrl) return data.mapGeoJsonUrl;
    return { type: 'FeatureCollection', features: data.dataset.boundaries.features.map((feature) => ({ type: 'Feature', id: feature.index, properties: {}, geometry: feature.geometry })) };
  }, [data]);
  const [leftSelection, rightSelection] = useMemo(() => {
    const selectionOf = (name: string): Uint8Array => {
      if (!data) return new Uint8Array(0);
      if (name === BASELINE) return selectBaseline({ data });
      if (name === CURRENT) return current;
      const scenario = scenarios.find((item) => item.name === name);
      return scenario ? designationFromCodes(data, scenario.codes) : selectBaseline({ data });
    };
    return [selectionOf(left), selectionOf(right)];
  }, [data, scenarios, current, left, right]);
  const diff = useMemo(() => diffSelections(leftSelection, rightSelection), [leftSelection, rightSelection]);

  // Hidden: the pickers start again from 现状 and 当前方案 (as when this was unmounted).
  useEffect(() => {
    if (shown) return;
    setLeft(BASELINE);
    setRight(null);
  }, [shown]);

  // Create the two maps once per dataset, when first shown on screen (a planner toggling on the
  // main map with the comparison scrolled out of the report's view waits for neither).
  const rootRef = useRef<HTMLDivElement>(null);
  const near = useNearScreen(rootRef, data !== null);
  const [made, setMade] = useState<object | null>(null);
  if (shown && near && data && made !== data) setMade(data);
  useEffect(() => {
    if (!webgl || !data || made !== data || !leftRef.current || !rightRef.current) return;
    const pair = new CompareMapPair([leftRef.current, rightRef.current], unionBounds(data.metrics.bboxes) ?? [-180, -85, 180, 85]);
    pairRef.current = pair;
    return () => {
      pair.destroy();
      pairRef.current = null;
    };
  }, [webgl, data, made]);

  // While hidden the maps keep what they showed; shown again, they catch up.
  useEffect(() => {
    if (shown && communities && data) pairRef.current?.show(communities, data.dataset.boundaries, leftSelection, rightSelection);
  }, [shown, communities, data, leftSelection, rightSelection, made]);

  // Frame the communities that differ (in the middle, not at the frame's edge), else every designated one.
  useEffect(() => {
    if (!data || !shown) return;
    const differs = (i: number) => leftSelection[i] !== rightSelection[i];
    const any = leftSelection.some((value, i) => value !== rightSelection[i]);
    const bounds = unionBounds(data.metrics.bboxes, any ? differs : (i) => leftSelection[i] === 1 || rightSelection[i] === 1);
    if (!bounds) return;
    // The differences with their surroundings: their box grown by its own size on every side.
    const [west, south, east, north] = bounds as [number, number, number, number];
    const [dx, dy] = any ? [east - west, north - south] : [0, 0];
    pairRef.current?.frame([west - dx, south - dy, east + dx, north + dy]);
  }, [data, shown, leftSelection, rightSelection, made]);

  // 方案对比 on a scenario: bring the comparison into view (it sat far down the panel).
  useEffect(() => {
    if (comparing && shown && rootRef.current) scrollIntoPanel(rootRef.current);
  }, [comparing, shown]);

  if (!data) return null;
  const options = [BASELINE, CURRENT, ...scenarios.map((scenario) => scenario.name)];
  const picker = (label: string, value: string, onChange: (name: string) => void) => (
    <label className="compare-pick">
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div ref={rootRef} className="compare-maps" hidden={!shown} data-testid="compare-maps" data-only-left={diff.removed.length} data-only-right={diff.added.length}>
      <div className="compare-pickers">
        {picker('左图', left, setLeft)}
        {picker('右图', right, setRight)}
      </div>
      {webgl ? (
        <div className="compare-canvases">
          <figure className="compare-side">
            <figcaption>左：{left}</figcaption>
            <div ref={leftRef} className="compare-canvas" role="img" aria-label={`${left}的示范社区`} />
          </figure>
          <figure className="compare-side">
            <figcaption>右：{right}</figcaption>
            <div ref={rightRef} className="compare-canvas" role="img" aria-label={`${right}的示范社区`} />
          </figure>
        </div>
      ) : (
        <p className="muted">此浏览器不支持 WebGL2，无法显示对比地图。</p>
      )}
      <p className="muted">
        <span className="swatch swatch-line" style={{ borderColor: OKABE_ITO.bluishGreen }} aria-hidden="true" /> 仅右图有 {diff.added.length} 个{' '}
        <span className="swatch swatch-line" style={{ borderColor: OKABE_ITO.vermillion }} aria-hidden="true" /> 仅左图有 {diff.removed.length} 个（两图同步移动缩放）
      </p>
    </div>
  );
}

/** Whether `ref`'s element (rendered while `rendered`) is on screen or within 200 px of it (always, where IntersectionObserver is missing). */
function useNearScreen(ref: RefObject<HTMLElement | null>, rendered: boolean): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => setNear(entries.some((entry) => entry.isIntersecting)), { rootMargin: '200px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, rendered]);
  return near;
}
