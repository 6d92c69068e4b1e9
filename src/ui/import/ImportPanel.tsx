import { useEffect, useRef, useState } from 'react';
import type { ImportInput } from '../../core/index.ts';
import type { ImportFlow } from '../../app/effects/import-flow.ts';
import { demoRestored } from '../../state/storage-updaters.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { ImportDialog } from './ImportDialog.tsx';

/** Reads dropped or chosen files as bytes (names kept as the user knows them). */
export async function readInputs(files: FileList | readonly File[]): Promise<ImportInput[]> {
  return Promise.all([...files].map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
}

/** The question before a replacement of the working project (answered by the browser's confirm dialog). */
const REPLACE_QUESTION = (what: string) => `${what}将替换当前项目（数据、方案与情景）。替换后可用“恢复上一个项目”找回当前项目。继续吗？`;

/**
 * A project file (.lianpian.zip) opens the project, after the user confirms (unpacked in the
 * worker, under the decompression limits); other files go to the preview.
 */
async function openFiles(files: FileList | readonly File[], flow: ImportFlow, onError: (message: string) => void): Promise<void> {
  const inputs = await readInputs(files);
  const project = inputs.length === 1 && inputs[0]!.name.toLowerCase().endsWith('.lianpian.zip') ? inputs[0]! : null;
  if (!project) return flow.open(inputs);
  const read = await flow.readProject(project);
  if ('error' in read) onError(`${project.name}：${read.error}`);
  else if (window.confirm(REPLACE_QUESTION(`打开项目文件 ${project.name} `))) await flow.openProject(read);
}

/**
 * Import by file input (`import-input`, several files at once) or by dropping files anywhere on
 * the page: GeoJSON, TopoJSON, zipped or loose Shapefile, CSV, XLSX, campaign JSON, plan CSV.
 */
export function ImportPanel({ store, flow }: { store: AppStore; flow: ImportFlow }) {
  const readOnly = useAppStore(store, (state) => state.readOnly);
  const project = useAppStore(store, (state) => state.project);
  const previous = useAppStore(store, (state) => state.previousProject);
  const source = useAppStore(store, (state) => state.source.kind);
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (readOnly) return;
    let depth = 0;
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (event: DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      if (event.dataTransfer?.files.length) void openFiles(event.dataTransfer.files, flow, setProblem);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [flow, readOnly]);

  if (readOnly) return null;
  return (
    <section aria-labelledby="import-title" data-testid="import-panel">
      <h2 id="import-title">导入数据</h2>
      <p className="muted">拖放文件到页面，或选择文件：边界（GeoJSON、TopoJSON、Shapefile 压缩包）、状态表与检查记录（CSV、XLSX，支持 GBK）、方案 CSV。</p>
      <input
        ref={inputRef}
        type="file"
        multiple
        data-testid="import-input"
        aria-label="选择要导入的文件"
        accept=".geojson,.json,.topojson,.zip,.lianpian.zip,.shp,.dbf,.prj,.cpg,.csv,.txt,.xlsx,.gz"
        onChange={(event) => {
          const files = event.target.files;
          setProblem(null);
          if (files?.length) void openFiles(files, flow, setProblem);
          event.target.value = '';
        }}
      />
      {project.files.length > 0 && (
        <p className="muted" data-testid="project-files">
          当前项目：{project.base === 'lucheng' ? '鹿城区示例数据 + ' : ''}
          {project.files.map((file) => file.name).join('、')}
        </p>
      )}
      <div className="button-row">
        {previous && (
          <button type="button" data-testid="restore-previous" onClick={() => window.confirm(REPLACE_QUESTION('恢复上一个项目')) && void flow.openProject(previous)}>
            恢复上一个项目
          </button>
        )}
        {(project.files.length > 0 || source === 'project') && (
          <button type="button" data-testid="restore-demo" onClick={() => window.confirm(REPLACE_QUESTION('恢复内置示例数据（鹿城区）')) && dispatch(store, demoRestored, new Date().toISOString())}>
            恢复内置示例数据
          </button>
        )}
      </div>
      {problem && (
        <p className="import-errors" role="alert" data-testid="import-errors">
          {problem}
        </p>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          松开鼠标导入文件
        </div>
      )}
      <ImportDialog store={store} flow={flow} />
    </section>
  );
}
