import { useMemo } from 'react';
import type { MultiPolygon, Polygon } from 'geojson';
import { CASE_COLOURS } from '../../map/case-layer.ts';
import type { CaseColour } from '../../core/index.ts';

const SIZE = 240;
const MARGIN = 12;

/**
 * The case's location on a small map: its community's outline and the point, drawn as SVG
 * (a second WebGL map per open case would cost more than the page it sits on). The projection
 * is equirectangular scaled by cos(latitude), exact enough at the size of one community.
 */
export function CaseMiniMap({ geometry, lon, lat, colour, label }: { geometry: Polygon | MultiPolygon | null; lon: number | null; lat: number | null; colour: CaseColour | null; label: string }) {
  const drawing = useMemo(() => {
    const rings = geometry ? (geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat()) : [];
    const points = rings.flat();
    if (lon !== null && lat !== null) points.push([lon, lat]);
    if (points.length === 0) return null;
    const lons = points.map((p) => p[0]!);
    const lats = points.map((p) => p[1]!);
    const [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const kx = Math.cos((((south + north) / 2) * Math.PI) / 180);
    const span = Math.max((east - west) * kx, north - south, 1e-4);
    const scale = (SIZE - 2 * MARGIN) / span;
    const x = (value: number) => MARGIN + (value - west) * kx * scale + (SIZE - 2 * MARGIN - (east - west) * kx * scale) / 2;
    const y = (value: number) => MARGIN + (north - value) * scale + (SIZE - 2 * MARGIN - (north - south) * scale) / 2;
    const path = rings.map((ring) => ring.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p[0]!).toFixed(1)},${y(p[1]!).toFixed(1)}`).join('') + 'Z').join('');
    return { path, point: lon !== null && lat !== null ? { cx: x(lon), cy: y(lat) } : null };
  }, [geometry, lon, lat]);
  if (!drawing) return <p className="muted">无位置信息</p>;
  return (
    <svg className="case-mini-map" data-testid="case-mini-map" viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={label}>
      <rect width={SIZE} height={SIZE} fill="#e8edf1" />
      {drawing.path && <path d={drawing.path} fill="#ffffff" stroke="#334155" strokeWidth={1.5} fillRule="evenodd" />}
      {drawing.point && <circle {...drawing.point} r={8} fill={CASE_COLOURS[colour ?? 'none']} stroke="#ffffff" strokeWidth={2.5} data-testid="case-mini-point" />}
    </svg>
  );
}
