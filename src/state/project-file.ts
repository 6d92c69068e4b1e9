/**
 * The project file (`*.lianpian.zip`): `project.json` (the project with each imported part
 * replaced by its path in the archive) plus the parts' original bytes under `files/`. Stored,
 * not compressed: the parts are the user's files as given (often already compressed) and
 * storing keeps export fast on the main thread. Round-trips losslessly (test/state/project-file.test.ts).
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { migrateProject, type Project } from './project.ts';

export const PROJECT_FILE_SUFFIX = '.lianpian.zip';

/** Project → zip bytes. */
export function exportProjectFile(project: Project): Uint8Array {
  const entries: Zippable = {};
  const files = project.files.map((file, i) => ({
    ...file,
    parts: file.parts.map((part, j) => {
      const path = `files/${i}-${j}-${part.name.replace(/[\\/]/g, '_')}`;
      entries[path] = [part.bytes, { level: 0 }];
      return { name: part.name, path };
    }),
  }));
  entries['project.json'] = [strToU8(JSON.stringify({ ...project, files }, null, 1)), { level: 6 }];
  return zipSync(entries);
}

/** Zip bytes → project; a Chinese message when the file is not a Lianpian project. */
export function importProjectFile(bytes: Uint8Array): Project | { error: string } {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    return { error: '不是有效的项目文件（应为 .lianpian.zip）' };
  }
  const manifest = entries['project.json'];
  if (!manifest) return { error: '项目文件中缺少 project.json' };
  let raw: { files?: { parts?: { name: string; path: string }[] }[] };
  try {
    raw = JSON.parse(strFromU8(manifest)) as typeof raw;
  } catch {
    return { error: 'project.json 不是合法的 JSON' };
  }
  const files = Array.isArray(raw.files)
    ? raw.files.map((file) => ({ ...file, parts: Array.isArray(file.parts) ? file.parts.map((part) => ({ name: part.name, bytes: entries[part.path] })) : file.parts }))
    : raw.files;
  const project = migrateProject({ ...raw, files });
  return project ?? { error: '项目文件的版本或内容无法识别（可能来自更新的版本）' };
}
