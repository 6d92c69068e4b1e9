/**
 * A campaign as the app's project file (`*.lianpian.zip`, src/state/project-file.ts): its files
 * as imports of a project without the embedded base, its plan and named scenarios, so the
 * static app opens it offline (a laptop at the meeting).
 */
import type { SourceFile } from '../../core/index.ts';
import type { Scenario } from '../../api/index.ts';
import { exportProjectFile } from '../../state/project-file.ts';
import { DEFAULT_EXPORT_SETTINGS, PROJECT_SCHEMA_VERSION, type Project } from '../../state/project.ts';

const KIND_OF_ROLE = { communities: 'boundaries', streets: 'boundaries', district: 'boundaries', status: 'status', inspections: 'inspections', campaign: 'campaign' } as const;

/** The project file bytes of a campaign's files, plan and scenarios. */
export function campaignProjectFile(sources: readonly SourceFile[], planCodes: readonly string[] | null, scenarios: readonly Scenario[], now: string): Uint8Array {
  const encoder = new TextEncoder();
  const project: Project = {
    schemaVersion: PROJECT_SCHEMA_VERSION,
    base: 'none',
    files: sources.map((source) => ({ role: source.role, name: source.file, parts: [{ name: source.file, bytes: encoder.encode(source.text) }], choices: { kind: KIND_OF_ROLE[source.role] }, importedAt: now })),
    planCodes: planCodes ? [...planCodes] : null,
    scenarios: scenarios.map((scenario) => ({ name: scenario.name, savedAt: scenario.savedAt, codes: scenario.codes })),
    settings: DEFAULT_EXPORT_SETTINGS,
    updatedAt: now,
  };
  return exportProjectFile(project);
}
