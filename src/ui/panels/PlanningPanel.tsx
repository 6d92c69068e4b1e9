import { useState } from 'react';
import { selectPlanDiff } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { DEMO_THEMES } from '../../core/index.ts';
import { openScenario, setPlanTheme } from '../../state/plan-updaters.ts';
import { compareScenario, deleteScenario, redo, resetPlan, saveScenario, setDesignating, undo } from '../../state/updaters.ts';

/** Planning mode (what-if): designate by clicking, undo/redo, named scenarios saved in this browser. */
export function PlanningPanel({ store }: { store: AppStore }) {
  const planning = useAppStore(store, (state) => state.designating);
  const plan = useAppStore(store, (state) => state.plan);
  const data = useAppStore(store, (state) => state.data);
  const scenarios = useAppStore(store, (state) => state.scenarios);
  const comparing = useAppStore(store, (state) => state.comparing);
  const planThemes = useAppStore(store, (state) => state.planThemes);
  const [name, setName] = useState('');
  const diff = selectPlanDiff({ data, plan });
  const unchanged = diff.added.length === 0 && diff.removed.length === 0;
  const features = data?.dataset.boundaries.features ?? [];
  const lastEdit = plan.past[plan.past.length - 1];
  const nextEdit = plan.future[0];

  return (
    <section aria-labelledby="planning-title" data-testid="planning-panel">
      <h2 id="planning-title">规划推演</h2>
      <button type="button" className={planning ? 'toggle on' : 'toggle'} aria-pressed={planning} data-testid="planning-toggle" onClick={() => dispatch(store, setDesignating, !planning)}>
        {planning ? '规划模式：开（点击地图设为/取消示范）' : '进入规划模式'}
      </button>
      <div className="button-row">
        <button type="button" onClick={() => dispatch(store, undo)} disabled={!lastEdit} title={lastEdit ? `撤销：${lastEdit.label}` : '没有可撤销的操作'} aria-keyshortcuts="Control+Z">
          撤销
        </button>
        <button type="button" onClick={() => dispatch(store, redo)} disabled={!nextEdit} title={nextEdit ? `重做：${nextEdit.label}` : '没有可重做的操作'} aria-keyshortcuts="Control+Y">
          重做
        </button>
        <button type="button" onClick={() => dispatch(store, resetPlan)} disabled={unchanged}>
          恢复现状
        </button>
      </div>
      <p className="muted" data-testid="plan-diff">
        {unchanged
          ? '当前方案与现状名单一致。'
          : `与现状相比：新增 ${diff.added.length} 个（${diff.added.map((i) => features[i]?.name).join('、') || '无'}），取消 ${diff.removed.length} 个（${diff.removed.map((i) => features[i]?.name).join('、') || '无'}）。`}
      </p>
      {planning && diff.added.length > 0 && (
        <div data-testid="planned-themes">
          <h3>新增社区的示范主题</h3>
          <ul className="theme-list">
            {diff.added.map((index) => {
              const code = features[index]!.id;
              return (
                <li key={index}>
                  <label htmlFor={`theme-${code}`}>{features[index]!.name}</label>
                  <select id={`theme-${code}`} value={planThemes[code] ?? ''} onChange={(event) => dispatch(store, setPlanTheme, code, event.target.value || null)}>
                    <option value="">未定主题</option>
                    {Object.entries(DEMO_THEMES).map(([key, label]) => (
                      <option key={key} value={key}>
                        {label}
                      </option>
                    ))}
                  </select>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <form
        className="scenario-form"
        onSubmit={(event) => {
          event.preventDefault();
          dispatch(store, saveScenario, name, new Date().toISOString());
          setName('');
        }}
      >
        <label htmlFor="scenario-name">方案名称</label>
        <input id="scenario-name" value={name} onChange={(event) => setName(event.target.value)} placeholder="如：方案一 补齐松台片" maxLength={40} />
        <button type="submit" disabled={!name.trim() || !data}>
          保存方案
        </button>
      </form>
      {scenarios.length > 0 && (
        <ul className="scenario-list" aria-label="已保存的方案" data-testid="scenario-list">
          {scenarios.map((scenario) => (
            <li key={scenario.name}>
              <span className="scenario-name">{scenario.name}</span>
              <span className="muted">{scenario.codes.length} 个</span>
              <button type="button" onClick={() => dispatch(store, openScenario, scenario.name)}>
                打开
              </button>
              <button type="button" aria-pressed={comparing === scenario.name} onClick={() => dispatch(store, compareScenario, comparing === scenario.name ? null : scenario.name)}>
                对比
              </button>
              <button type="button" aria-label={`删除方案 ${scenario.name}`} onClick={() => dispatch(store, deleteScenario, scenario.name)}>
                删除
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
