import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildAdjacency, describeFindings } from '../../src/core/index.ts';
import { MetricScale } from '../../src/core/adjacency/metric-scale.ts';

const LAT = 28;
const LON = 120.6;
// Degrees per metre at 28° N on the WGS84 ellipsoid (the engine's own scale).
const scale = new MetricScale(LAT * 1e7, LAT * 1e7);
const degX = (meters: number) => meters / (scale.kx(LAT * 1e7) * 1e7);
const degY = (meters: number) => meters / (scale.ky(LAT * 1e7) * 1e7);

/** A box in metres east and north of (LON, LAT). */
function box(west: number, south: number, east: number, north: number): Polygon {
  const [x0, x1, y0, y1] = [LON + degX(west), LON + degX(east), LAT + degY(south), LAT + degY(north)];
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
}

const named = (geometries: (Polygon | MultiPolygon)[]) => geometries.map((geometry, i) => ({ id: `33030200${String(i + 1).padStart(4, '0')}`, name: `测试${i + 1}社区`, geometry }));

describe('describeFindings()', () => {
  it('describeFindings() states the width and length of a 10 m × 1 km overlap strip, and its area', () => {
    // A and B are 500 m × 1 km; B starts 10 m inside A's east side.
    const geometries = [box(0, 0, 500, 1000), box(490, 0, 990, 1000)];
    const { findings } = buildAdjacency(geometries);
    const [overlap] = describeFindings(findings, named(geometries)).filter((finding) => finding.kind === 'overlap');
    expect(overlap?.overlap?.widthMeters).toBeCloseTo(10, 0);
    expect(overlap?.overlap?.lengthMeters).toBeGreaterThan(995);
    expect(overlap?.overlap?.lengthMeters).toBeLessThan(1005);
    expect(overlap?.overlap?.areaSquareMeters).toBeGreaterThan(9950);
    expect(overlap?.overlap?.areaSquareMeters).toBeLessThan(10050);
    expect(overlap?.message).toBe('测试1社区（330302000001） 与 测试2社区（330302000002） 的范围重叠：重叠区长约 1000 米、宽约 10 米（面积约 10,000 平方米）');
    // The map flies into the strip, which lies in both communities.
    const location = overlap!.location!;
    for (const geometry of geometries) expect(booleanPointInPolygon(location, geometry)).toBe(true);
  });

  it('describeFindings() names every community by name and code instead of its index', () => {
    const geometries: (Polygon | MultiPolygon)[] = [
      box(0, 0, 100, 100),
      box(100.5, 0, 200, 100), // a 0.5 m gap to the first
      { type: 'MultiPolygon', coordinates: [box(400, 0, 450, 50).coordinates, box(600, 0, 650, 50).coordinates] },
    ];
    const findings = buildAdjacency(geometries).findings;
    expect(findings.map((finding) => finding.kind).sort()).toEqual(['gap', 'multipart']);
    const described = describeFindings(findings, named(geometries));
    for (const finding of described) {
      expect(finding.message).not.toMatch(/社区 \d/);
      for (const unit of finding.units) expect(finding.message).toContain(`测试${unit + 1}社区（33030200000${unit + 1}）`);
      expect(finding.location).toHaveLength(2);
    }
    // A finding without a place of its own is located at its community's label point, inside it.
    const multipart = described.find((finding) => finding.kind === 'multipart')!;
    expect(booleanPointInPolygon(multipart.location!, geometries[2]!)).toBe(true);
  });

  it('describeFindings() lists the first ten of a deep stack by name and counts the rest', () => {
    const geometries = Array.from({ length: 100 }, () => box(0, 0, 100, 100));
    const [stacked] = describeFindings(buildAdjacency(geometries).findings, named(geometries));
    expect(stacked?.kind).toBe('stacked');
    expect(stacked?.units).toHaveLength(100);
    expect(stacked?.message).toMatch(/^测试1社区（330302000001）、.*、测试10社区（330302000010） 等 100 个 的边界完全相同/);
    expect(stacked?.message).not.toContain('测试11社区');
  });
});
