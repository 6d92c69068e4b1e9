import { useMemo } from 'react';
import { useAppStore, type AppStore } from '../../state/store.ts';
import type { UnitNames } from './labels.ts';

export interface CaseNames extends UnitNames {
  /** Community code → name and street name. */
  communities: ReadonlyMap<string, { name: string; street: string }>;
}

/** Names of communities and streets (from the campaign's boundaries) and of departments (from its settings). */
export function useCaseNames(store: AppStore): CaseNames {
  const data = useAppStore(store, (state) => state.data);
  return useMemo(() => {
    const communities = new Map<string, { name: string; street: string }>();
    const streets = new Map<string, string>();
    for (const feature of data?.dataset.boundaries.features ?? []) {
      communities.set(feature.id, { name: feature.name, street: feature.street });
      if (feature.streetCode) streets.set(feature.streetCode, feature.street);
    }
    const departments = new Map<string, string>(departmentsOf(data?.dataset.config));
    return { communities, streets, departments };
  }, [data]);
}

/** Department ids and names from the campaign settings' supervision section, when it lists them. */
function departmentsOf(config: unknown): [string, string][] {
  const supervision = (config as { supervision?: { departments?: unknown } } | undefined)?.supervision;
  const list = supervision?.departments;
  if (Array.isArray(list)) return list.filter((d): d is { id: string; name: string } => typeof d?.id === 'string' && typeof d?.name === 'string').map((d) => [d.id, d.name]);
  if (list && typeof list === 'object') return Object.entries(list as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return [];
}
