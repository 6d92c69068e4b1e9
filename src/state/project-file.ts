/**
 * The project file (`*.lianpian.zip`): `project.json` (the project with each imported part
 * replaced by its path in the archive) plus the parts' original bytes under `files/`. Stored,
 * not compressed: the parts are the user's files as given (often already compressed) and
 * storing keeps export fast on the main thread. Round-trips losslessly (test/state/project.test.ts).
 */
import { strFromU8, strToU8, zipSync, type Zippable } from 'fflate';
import { InputError, unzipBounded } from '../core/index.ts';
import { PROJECT_SCHEMA_VERSION, migrateProject, type Project } from './project.ts';

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

/**
 * Zip bytes → project; a Chinese message when the file is not a Lianpian project. The archive is
 * inflated by the bounded inflater (a project file that inflates past the limits is refused
 * with its E_TOO_LARGE message, never unpacked whole).
 */
export function importProjectFile(bytes: Uint8Array, file = '项目文件'): Project | { error: string } {
  let entries: Map<string, Uint8Array>;
  try {
    entries = unzipBounded(bytes, file);
  } catch (error) {
    if (error instanceof InputError && error.code === 'E_TOO_LARGE') return { error: error.message };
    return { error: `不是有效的项目文件（应为 ${PROJECT_FILE_SUFFIX}）` };
  }
  const manifest = entries.get('project.json');
  if (!manifest) return { error: '项目文件中缺少 project.json' };
  let raw: { schemaVersion?: unknown; files?: { parts?: { name: string; path: string }[] }[] };
  try {
    raw = JSON.parse(strFromU8(manifest)) as typeof raw;
  } catch {
    return { error: 'project.json 不是合法的 JSON' };
  }
  if (typeof raw !== 'object' || raw === null) return { error: 'project.json 不是项目对象' };
  if (typeof raw.schemaVersion === 'number' && raw.schemaVersion > PROJECT_SCHEMA_VERSION) {
    return { error: `项目文件来自更新的版本（格式版本 ${raw.schemaVersion}，本程序读取版本 ${PROJECT_SCHEMA_VERSION}）：请用新版连片打开` };
  }
  const missing: string[] = [];
  const files = Array.isArray(raw.files)
    ? raw.files.map((item) => ({
        ...item,
        parts: Array.isArray(item?.parts)
          ? item.parts.map((part) => {
              const data = typeof part?.path === 'string' ? entries.get(part.path) : undefined;
              if (!data) missing.push(typeof part?.path === 'string' ? part.path : String(part?.name));
              return { name: part?.name, bytes: data };
            })
          : item?.parts,
      }))
    : raw.files;
  if (missing.length > 0) return { error: `项目文件不完整：缺少 ${missing.slice(0, 5).join('、')}${missing.length > 5 ? ` 等 ${missing.length} 个部分` : ''}（文件可能被截断或改动过）` };
  const project = migrateProject({ ...raw, files });
  return project ?? { error: '项目文件的内容无法识别（project.json 缺少必需的字段或字段类型不对）' };
}
