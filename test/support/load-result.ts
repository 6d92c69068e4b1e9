/**
 * A LoadResult for UI tests, produced by the real analysis session (parse → adjacency → metrics)
 * on a small grid of communities: 3 × 3 cells, codes G<row>_<col>, two streets, a status table
 * that designates the four corners (four isolated demonstration communities).
 */
import { createAnalysisSession } from '../../src/worker/session.ts';
import type { AnalysisSession } from '../../src/worker/session.ts';
import type { LoadResult } from '../../src/worker/protocol.ts';
import { gridMosaic } from './mosaics.ts';

export async function gridLoadResult(): Promise<{ result: LoadResult; session: AnalysisSession }> {
  const grid = gridMosaic({ columns: 3, rows: 3, cell: 0.01 });
  const names = ['东风', '红旗', '解放', '胜利', '团结', '光明', '幸福', '和平', '建设'];
  grid.features.forEach((feature, i) => Object.assign(feature.properties, { name: `${names[i]}社区`, street: i % 3 < 2 ? '甲街道' : '乙街道' }));
  const corners = new Set(['G0_0', 'G0_2', 'G2_0', 'G2_2']);
  const status = ['社区代码,社区名称,精品示范社区,文明社区等级,社区警务室,常住人口', ...grid.features.map((feature, i) => `${feature.properties.code},${names[i]}社区,${corners.has(feature.properties.code) ? '是' : '否'},${i === 4 ? '省级' : '市级'},${i % 2 ? '是' : '否'},${1000 * (i + 1)}`)].join('\n');
  const inspections = ['检查日期,检查类型,社区代码,得分', ...grid.features.flatMap((feature, i) => [`2002-05-06,周查,${feature.properties.code},${60 + i}`, `2002-05-13,周查,${feature.properties.code},${62 + 2 * i}`])].join('\n');
  const session = createAnalysisSession();
  const result = await session.handle('load', {
    kind: 'files',
    sources: [
      { role: 'communities', file: 'grid.geojson', text: JSON.stringify(grid) },
      { role: 'status', file: 'status.csv', text: status },
      { role: 'inspections', file: 'inspections.csv', text: inspections },
    ],
  });
  return { result, session };
}
