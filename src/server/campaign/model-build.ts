/**
 * The CPU work of a campaign model, apart from the request loop: from a snapshot of the
 * campaign's rows to the core's Dataset and the two documents the dashboards read (the analysis
 * and the lagging report), each as precomputed bytes — UTF-8, gzip and brotli — with a strong
 * ETag. Runs in a worker thread (model-worker.ts); `ModelBuilder` keeps what does not change
 * between revisions: the parsed boundaries and the adjacency graph per boundary version and
 * adjacency settings, so a status write rebuilds only what status changes.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { assembleDataset, buildAdjacency, laggingReport, parseBoundaries, type AdjacencyResult, type BoundarySet, type CaseRecord, type Dataset, type InputWarning, type SourceFile } from '../../core/index.ts';
import { analyzeDataset } from '../../cli/commands/analyze.ts';
import { reportDocument } from '../../cli/commands/report.ts';
import { STATUS_FILE, snapshotSources, type CampaignSnapshot } from './dataset.ts';

/** A document as served: its bytes in each encoding and its ETag (one per content). */
export interface DocumentBytes {
  identity: Uint8Array;
  gzip: Uint8Array;
  br: Uint8Array;
  etag: string;
}

/** What a build reads: one consistent snapshot. `boundaryFiles` may be null when the builder already has that version. */
export interface BuildRequest {
  campaignId: string;
  revision: number;
  boundaryVersion: number;
  /** The boundary version's files (communities, streets, district: `boundaryFiles()`). */
  boundaryFiles: SourceFile[] | null;
  settings: CampaignSnapshot['settings'];
  status: CampaignSnapshot['status'];
  inspections: CampaignSnapshot['inspections'];
  planCodes: readonly string[] | null;
  /** The campaign's cases (issue 20): they grade communities and give the units' standings. */
  cases: readonly CaseRecord[];
  /** ISO date-time the cases are read at: the start of the server's day (`casesClock`; LIANPIAN_NOW in tests). */
  now: string;
}

/** What a build returns (structured-clonable). */
export interface BuildResult {
  revision: number;
  boundaryVersion: number;
  analysis: DocumentBytes;
  lagging: DocumentBytes;
  /** [code, street code, name] per community of the boundaries. */
  communities: [string, string, string][];
  warnings: InputWarning[];
  /** The dataset's source files besides the boundary files (campaign, status, inspections). */
  sources: SourceFile[];
  /** Milliseconds spent: dataset, analysis, lagging, encoding. */
  timings: { dataset: number; analysis: number; lagging: number; encode: number };
}

/** Thrown back to the caller when a build cannot use a boundary version it was not sent. */
export const MISSING_BOUNDARIES = 'E_MISSING_BOUNDARIES';

/** Brotli quality for the precomputed documents: close to the best ratio at a fraction of quality 11's time. */
const BROTLI_QUALITY = 7;

/** The bytes of a JSON text in each encoding the server negotiates, with a strong ETag. */
export function encodeDocument(text: string): DocumentBytes {
  const identity = Buffer.from(text, 'utf8');
  const gzip = gzipSync(identity, { level: 6 });
  const br = brotliCompressSync(identity, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: identity.length } });
  const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
  return { identity, gzip, br, etag };
}

const BOUNDARY_ROLES: ReadonlySet<string> = new Set(['communities', 'streets', 'district']);

/** The files of a boundary version (communities, streets, district), as the core reads them. */
export function boundaryFiles(boundaries: CampaignSnapshot['boundaries']): SourceFile[] {
  return snapshotSources({ boundaries, settings: {}, status: [], inspections: [] }).filter((file) => BOUNDARY_ROLES.has(file.role));
}

interface BoundaryCache {
  version: number;
  parsed: BoundarySet;
  /** The boundary source files (communities, streets, district) as the core reads them. */
  files: SourceFile[];
}

/** Builds campaign models, keeping per campaign what depends only on the boundary version. */
export class ModelBuilder {
  private boundaries = new Map<string, BoundaryCache>();
  private adjacency = new Map<string, AdjacencyResult>();

  build(request: BuildRequest): BuildResult {
    let cache = this.boundaries.get(request.campaignId);
    if (!cache || cache.version !== request.boundaryVersion) {
      const files = request.boundaryFiles;
      if (!files) throw Object.assign(new Error(`boundary version ${request.boundaryVersion} not sent`), { code: MISSING_BOUNDARIES });
      const communities = files.find((file) => file.role === 'communities')!;
      cache = { version: request.boundaryVersion, parsed: parseBoundaries(communities.text, { file: communities.file }), files };
      this.boundaries.set(request.campaignId, cache);
    }
    const t0 = performance.now();
    const rest = snapshotSources({ boundaries: { file: cache.files[0]!.file, communities: null, streets: null, district: null }, settings: request.settings, status: request.status, inspections: request.inspections }).filter((file) => !BOUNDARY_ROLES.has(file.role));
    const sources = [...cache.files, ...rest];
    // The parsed boundaries stand in for parsing the communities file again (the same result).
    const dataset: Dataset = assembleDataset(sources.map((file) => (file.role === 'communities' ? { ...file, parsed: cache.parsed } : file)));
    const t1 = performance.now();
    const key = `${request.campaignId}:${request.boundaryVersion}:${JSON.stringify(dataset.config.adjacency)}`;
    let adjacency = this.adjacency.get(key);
    if (!adjacency) {
      adjacency = buildAdjacency(
        dataset.boundaries.features.map((feature) => feature.geometry),
        dataset.config.adjacency,
      );
      if (this.adjacency.size > 16) this.adjacency.clear();
      this.adjacency.set(key, adjacency);
    }
    const analysisText = JSON.stringify(
      analyzeDataset(
        dataset,
        {
          file: cache.files[0]!.file,
          select: request.planCodes ? [...request.planCodes] : undefined,
          status: request.status.length > 0 ? STATUS_FILE : undefined,
          mode: undefined,
          minSharedMeters: undefined,
          toleranceMeters: undefined,
          pairs: false,
        },
        { adjacency },
      ).document,
    );
    const t2 = performance.now();
    const laggingText = JSON.stringify(reportDocument(laggingReport(dataset, { asOf: null, cases: request.cases, now: request.now })));
    const t3 = performance.now();
    const analysis = encodeDocument(analysisText);
    const lagging = encodeDocument(laggingText);
    const t4 = performance.now();
    return {
      revision: request.revision,
      boundaryVersion: request.boundaryVersion,
      analysis,
      lagging,
      communities: dataset.boundaries.features.map((feature) => [feature.id, feature.streetCode, feature.name]),
      warnings: dataset.warnings,
      sources: rest,
      timings: { dataset: t1 - t0, analysis: t2 - t1, lagging: t3 - t2, encode: t4 - t3 },
    };
  }
}
