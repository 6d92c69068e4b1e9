/**
 * The dashboard map's hook for the cases 问题 layer (issue 20): the filtered cases as the
 * layer's content (src/map/case-layer.ts), and the layer's clicks (a case opens its page).
 * Small and on the first page (MapView calls it); without a cases store (单机模式) it draws nothing.
 */
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { bindCaseLayer, caseFeatures, caseLayerContent, type CaseLayerBinding } from '../../map/case-layer.ts';
import type { MapContent } from '../../map/apply-layers.ts';
import type { MapController } from '../../map/controller.ts';
import { filterCases, openCase, NO_CASES } from '../../state/cases.ts';
import { createCasesStore, dispatchCases, useCases, type CasesStore } from '../../state/cases-store.ts';

const NONE = createCasesStore(NO_CASES);

/** The case layer's content (null when hidden or in 单机模式) and whether the last press was on it. */
export function useCaseLayer(cases: CasesStore | undefined, controllerRef: RefObject<MapController | null>): { content: MapContent | null; tookPress: () => boolean } {
  const store = cases ?? NONE;
  const items = useCases(store, (state) => state.cases);
  const filters = useCases(store, (state) => state.filters);
  const shown = useCases(store, (state) => state.mapShown && state.status === 'ready');
  const content = useMemo(() => (cases && shown ? caseLayerContent(caseFeatures(filterCases(items, filters))) : null), [cases, shown, items, filters]);

  const binding = useRef<CaseLayerBinding | null>(null);
  useEffect(() => {
    const controller = controllerRef.current;
    if (!cases || !controller) return;
    binding.current = bindCaseLayer(controller.map, (id) => dispatchCases(cases, openCase, id));
    return () => {
      binding.current?.dispose();
      binding.current = null;
    };
  }, [cases, controllerRef]);
  return { content, tookPress: () => binding.current?.tookPress() ?? false };
}
