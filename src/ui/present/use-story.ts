/** The story of the plan on screen, from the answers already in the store (what-if, bridges, lagging report). */
import { useMemo } from 'react';
import { campaignStory, type Story } from '../../core/index.ts';
import { selectBridges, selectLaggingReport } from '../../state/selectors.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';

export function useStory(store: AppStore): Story | null {
  const data = useAppStore(store, (state) => state.data);
  const analysis = useAppStore(store, (state) => state.analysis);
  const bridges = useAppStore(store, selectBridges);
  // The same report as the 落后分析 view, as of the same round.
  const lagging = useAppStore(store, selectLaggingReport);
  return useMemo(
    () => (data && analysis && lagging && bridges ? campaignStory({ dataset: data.dataset, metrics: data.metrics, answer: analysis, bridges, lagging }) : null),
    [data, analysis, lagging, bridges],
  );
}
