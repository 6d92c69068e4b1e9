import { useState } from 'react';
import { resolveCommunity } from '../../core/index.ts';
import { adoptProposal, cancelBestSet, showProposal, startBestSet } from '../../state/plan-updaters.ts';
import { selectBaseline } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';

/**
 * 自动推荐: the contiguous set of K communities with the most facility items present, with
 * must-include and excluded communities. The search runs in the worker and can be cancelled; the
 * answer says whether it is proven optimal or gives its upper bound, is drawn on the map as a
 * proposal and can be saved as a scenario.
 */
export function BestSetPanel({ store }: { store: AppStore }) {
  const data = useAppStore(store, (state) => state.data);
  const search = useAppStore(store, (state) => state.bestSet);
  const [size, setSize] = useState<number | null>(null);
  const [must, setMust] = useState<number[]>([]);
  const [exclude, setExclude] = useState<number[]>([]);
  const [scenarioName, setScenarioName] = useState('');
  if (!data) return null;
  const features = data.dataset.boundaries.features;
  // Default size: the campaign's target number of demonstration communities.
  const k = size ?? data.dataset.config.targets.demoCommunities;
  const running = search.status === 'running';
  const result = search.result;

  return (
    <section aria-labelledby="best-set-title" data-testid="best-set-panel">
      <h2 id="best-set-title">自动推荐</h2>
      <p className="muted">在连成一片的 {k} 个社区中，找出设施（五室三站二栏一校一场所）齐备项合计最多的一组。</p>
      <div className="field">
        <label htmlFor="best-set-size">社区个数</label>
        <input id="best-set-size" type="number" min={1} max={features.length} value={k} onChange={(event) => setSize(Math.max(1, Math.min(features.length, Math.round(Number(event.target.value)) || 1)))} />
      </div>
      <CommunityPicker label="必须包含" testId="best-set-must" chosen={must} onChange={setMust} store={store} />
      <button type="button" className="small" onClick={() => setMust([...new Set([...must, ...[...selectBaseline({ data })].flatMap((value, i) => (value ? [i] : []))])])}>
        加入现有示范社区
      </button>
      <CommunityPicker label="排除" testId="best-set-exclude" chosen={exclude} onChange={setExclude} store={store} />
      <div className="button-row">
        <button type="button" data-testid="best-set-run" disabled={running} onClick={() => dispatch(store, startBestSet, { size: k, must, exclude })}>
          {running ? '正在搜索…' : '开始推荐'}
        </button>
        {running && (
          <button type="button" data-testid="best-set-cancel" onClick={() => dispatch(store, cancelBestSet)}>
            取消
          </button>
        )}
      </div>
      {search.error && <p role="alert" className="error-text">{search.error}</p>}
      {result && !running && (
        <div data-testid="best-set-result" data-optimal={String(result.optimal)} data-objective={result.objective} data-members={result.members.map((v) => features[v]!.id).join(',')}>
          {!result.feasible ? (
            <p className="warn-text">无解：没有同时满足条件的 {result.size} 个相连社区。</p>
          ) : (
            <>
              <p>
                推荐 {result.members.length} 个相连社区，设施齐备项合计 <strong>{result.objective}</strong>
                {result.optimal ? '（已证明最优）' : `（${result.cancelled ? '已取消' : '时间用尽'}，尚未证明最优：最优值不超过 ${result.bound}）`}
              </p>
              <p className="members">{result.members.map((v) => features[v]!.name).join('、')}</p>
              <div className="button-row">
                <button type="button" aria-pressed={search.shown} onClick={() => dispatch(store, showProposal, !search.shown)}>
                  {search.shown ? '在地图上隐藏' : '在地图上显示'}
                </button>
              </div>
              <form
                className="scenario-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  dispatch(store, adoptProposal, scenarioName || `自动推荐 ${result.members.length} 个`, new Date().toISOString());
                  setScenarioName('');
                }}
              >
                <label htmlFor="proposal-name">存为方案</label>
                <input id="proposal-name" value={scenarioName} onChange={(event) => setScenarioName(event.target.value)} placeholder={`自动推荐 ${result.members.length} 个`} maxLength={40} />
                <button type="submit" data-testid="adopt-proposal">
                  存为方案
                </button>
              </form>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** Chips of chosen communities and a name field (with the district's names as suggestions) to add one. */
function CommunityPicker({ label, testId, chosen, onChange, store }: { label: string; testId: string; chosen: number[]; onChange: (next: number[]) => void; store: AppStore }) {
  const data = useAppStore(store, (state) => state.data);
  const [text, setText] = useState('');
  if (!data) return null;
  const features = data.dataset.boundaries.features;
  const listId = `${testId}-names`;
  const add = () => {
    // The same reading of a code or name as the CLI's --must/--exclude (an ambiguous name adds nothing).
    const found = resolveCommunity(features, text);
    if (found.kind === 'found' && !chosen.includes(found.index)) onChange([...chosen, found.index]);
    setText('');
  };
  return (
    <div className="picker" data-testid={testId}>
      <label htmlFor={`${testId}-input`}>{label}</label>
      <div className="picker-row">
        <input
          id={`${testId}-input`}
          list={listId}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          placeholder="社区名称或代码"
        />
        <button type="button" className="small" onClick={add}>
          添加
        </button>
      </div>
      {features.length <= 2000 && (
        <datalist id={listId}>
          {features.map((feature) => (
            <option key={feature.index} value={feature.name} />
          ))}
        </datalist>
      )}
      <p className="members">
        {chosen.map((v) => (
          <button key={v} type="button" className="chip" aria-label={`移除 ${features[v]!.name}`} onClick={() => onChange(chosen.filter((other) => other !== v))}>
            {features[v]!.name} ×
          </button>
        ))}
      </p>
    </div>
  );
}
