/**
 * POST /api/campaigns/:id/boundaries/preview?name=FILE (admin: boundaries.edit): a boundary
 * upload checked before it is applied, with the same preview and the same errors as the app's
 * import — the bytes of one file (GeoJSON, TopoJSON, a zipped Shapefile, any of them gzipped)
 * read by the core's importer (`previewImport`: format, encoding, coordinate system, ids, count,
 * every problem naming file, feature and field in Chinese), joined against the campaign's current
 * boundaries (codes kept, added, gone; a far-away batch is flagged), and when it passes, assembled
 * with the campaign's status table through the first half of the core's one ingest pipeline
 * (`readDataset`, as `openDataset` does) for the warnings the import would give. Nothing is
 * stored: PUT /boundaries applies it.
 */
import type { FastifyInstance } from 'fastify';
import { formatInputError, InputError, previewImport, readDataset, type FilePreview, type InputErrorDetails } from '../../core/index.ts';
import type { AppServices } from '../services.ts';
import { ApiError } from '../errors.ts';
import { BOUNDARY_BODY_LIMIT } from './writes.ts';

/** The preview's answer. */
export interface BoundaryPreview {
  /** True when the file can be imported (no errors). */
  ok: boolean;
  preview: FilePreview;
  /** Each error as the app words it (file, path, field; expected, actual), in Chinese. */
  messages: string[];
  /** Against the campaign's current boundaries: codes kept, new, no longer present. */
  compared: { kept: number; added: string[]; removed: string[] } | null;
  /** Warnings of the dataset the import would give (status rows joined to the new boundaries). */
  datasetWarnings: string[];
}

export function boundaryPreviewRoutes(services: AppServices) {
  return async (app: FastifyInstance) => {
    // Raw bytes: any content type but JSON (which the JSON routes parse) arrives as a Buffer.
    app.addContentTypeParser(['application/octet-stream', 'application/zip', 'application/gzip', 'application/geo+json', 'application/x-gzip'], { parseAs: 'buffer', bodyLimit: BOUNDARY_BODY_LIMIT }, (_request, body, done) => done(null, body));

    app.post<{ Params: { id: string }; Querystring: { name?: string } }>(
      '/api/campaigns/:id/boundaries/preview',
      { bodyLimit: BOUNDARY_BODY_LIMIT, config: { access: { permission: 'boundaries.edit', campaign: true } } },
      async (request): Promise<BoundaryPreview> => {
        const name = (request.query.name ?? '').trim();
        if (name === '' || name.length > 200 || /[/\\]/.test(name)) throw new ApiError(400, 'E_VALIDATION', '请求内容不符合要求：缺少文件名 ?name=（如 communities.geojson、边界.zip）');
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) throw new ApiError(400, 'E_VALIDATION', '请求内容不符合要求：请以 application/octet-stream 上传边界文件的字节');
        const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
        const model = await services.campaigns.model(request.params.id, { atLeast: request.campaign!.revision });
        const current = [...model.communities.values()].map((community) => ({ id: community.code, name: community.name }));
        const bbox = currentBbox(model.dataset.boundaries.bbox);
        const [preview] = await previewImport([{ name, bytes }], { [name]: { kind: 'boundaries' } }, { current: { features: current, bbox } });
        if (!preview) throw new ApiError(400, 'E_VALIDATION', '请求内容不符合要求：没有可读的文件');
        // A file recognised as something else (a table, a config) is an error of the upload.
        if (preview.errors.length === 0 && preview.kind !== 'boundaries') preview.errors = [{ code: 'E_FORMAT', file: name, expected: '社区边界（GeoJSON、TopoJSON 或 Shapefile）', actual: preview.kind ?? '无法识别' }];
        const messages = preview.errors.map((issue: InputErrorDetails) => formatInputError(issue));
        if (preview.errors.length > 0) return { ok: false, preview, messages, compared: null, datasetWarnings: [] };
        let datasetWarnings: string[] = [];
        const statusFile = model.sources.find((source) => source.role === 'status');
        try {
          const dataset = await readDataset([{ role: 'communities', file: name, parts: [{ name, bytes }] }, ...(statusFile ? [{ role: 'status' as const, file: statusFile.file, text: statusFile.text }] : [])]);
          datasetWarnings = dataset.warnings.map((warning) => warning.message);
          const codes = new Set(dataset.boundaries.features.map((feature) => feature.id));
          const before = new Set(model.communities.keys());
          return {
            ok: true,
            preview,
            messages,
            compared: { kept: [...codes].filter((code) => before.has(code)).length, added: [...codes].filter((code) => !before.has(code)), removed: [...before].filter((code) => !codes.has(code)) },
            datasetWarnings,
          };
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          return { ok: false, preview: { ...preview, errors: error.issues }, messages: error.issues.map((issue) => formatInputError(issue)), compared: null, datasetWarnings };
        }
      },
    );
  };
}

const currentBbox = (bbox: readonly number[] | undefined) => (bbox && bbox.length === 4 ? bbox : [0, 0, 0, 0]);
