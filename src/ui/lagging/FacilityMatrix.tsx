import { useMemo, useState } from 'react';
import { FACILITY_ITEMS, type FacilityKey } from '../../core/index.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { select } from '../../state/updaters.ts';

type MatrixSort = { key: 'missing' | 'name' | FacilityKey };

/**
 * The facility checklist 五室三站二栏一校一场所: communities (of the selected street, or all) × the
 * 12 items; missing items are red crosses. Sort by the number missing, by name, or by one item
 * (communities lacking it first).
 */
export function FacilityMatrix({ store }: { store: AppStore }) {
  const report = useAppStore(store, selectLaggingReport);
  const street = useAppStore(store, (state) => state.filters.street);
  const status = useAppStore(store, (state) => state.data?.dataset.status ?? null);
  const [sort, setSort] = useState<MatrixSort>({ key: 'missing' });
  const rows = useMemo(() => {
    if (!report || !status) return [];
    const list = report.communities.filter((community) => status[community.index] && (street === null || community.streetCode === street || community.street === street));
    const order = (a: (typeof list)[number], b: (typeof list)[number]) => {
      if (sort.key === 'name') return a.name.localeCompare(b.name, 'zh-CN');
      if (sort.key === 'missing') return b.missingFacilities.length - a.missingFacilities.length || a.name.localeCompare(b.name, 'zh-CN');
      const key = sort.key;
      return Number(a.missingFacilities.includes(key) ? 0 : 1) - Number(b.missingFacilities.includes(key) ? 0 : 1) || b.missingFacilities.length - a.missingFacilities.length;
    };
    return [...list].sort(order);
  }, [report, status, street, sort]);
  if (!report) return null;
  const header = (key: MatrixSort['key'], label: string, title?: string) => (
    <th scope="col" aria-sort={sort.key === key ? 'descending' : 'none'} title={title}>
      <button type="button" onClick={() => setSort({ key })}>
        {label}
      </button>
    </th>
  );
  return (
    <section className="facility-matrix" aria-label="配套设施清单">
      <h2>五室三站二栏一校一场所（{rows.length} 个社区）</h2>
      <div className="matrix-scroll">
        <table data-testid="facility-matrix" aria-label={`配套设施清单：社区 × ${FACILITY_ITEMS.length} 项`}>
          <thead>
            <tr>
              {header('name', '社区')}
              {header('missing', '缺', '缺项数')}
              {FACILITY_ITEMS.map((item) => (
                <th key={item.key} scope="col" aria-sort={sort.key === item.key ? 'descending' : 'none'} title={item.label} className="item">
                  <button type="button" onClick={() => setSort({ key: item.key })}>
                    {item.short}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((community) => (
              <tr key={community.code} data-code={community.code}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => dispatch(store, select, community.index)}>
                    {community.name}
                  </button>
                </th>
                <td className={community.missingFacilities.length > 0 ? 'count bad' : 'count'}>{community.missingFacilities.length}</td>
                {FACILITY_ITEMS.map((item) => {
                  const missing = community.missingFacilities.includes(item.key);
                  return (
                    <td key={item.key} className={missing ? 'cell missing' : 'cell done'} data-missing={missing} title={`${community.name} ${item.label}${missing ? '：缺' : '：已建'}`}>
                      {missing ? '✗' : '✓'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
