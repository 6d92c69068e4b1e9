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
import { assembleDataset, buildAdjacency, laggingReport, parseBoundaries, parseCampaignConfig, parseInspections, type AdjacencyResult, type BoundarySet, type CaseRecord, type Dataset, type InputWarning, type SourceFile } from '../../core/index.ts';
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

/**
 * Brotli quality for the precomputed documents: on Lucheng's lagging document (408 kB) quality 6
 * gives 15.3 kB in 3.5 ms, 7 gives 14.9 kB in 11 ms (every status write rebuilds it).
 */
const BROTLI_QUALITY = 6;

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
  /** The communities, streets and district as parsed (the core's BoundarySet per file role). */
  parsed: Map<string, BoundarySet>;
  /** The boundary source files (communities, streets, district) as the core reads them. */
  files: SourceFile[];
}

/** The roles whose parse is kept between builds while their text is unchanged (settings, inspections). */
const KEPT_ROLES: ReadonlySet<string> = new Set(['campaign', 'inspections']);

/**
 * Builds campaign models, keeping per campaign what depends only on the boundary version (the
 * parsed boundaries, the adjacency graph) and the parse of the settings and the inspections
 * while their text is the same: a status write changes neither, and each was parsed again on
 * every rebuild (a third of the dataset's time on Lucheng).
 */
export class ModelBuilder {
  private boundaries = new Map<string, BoundaryCache>();
  private adjacency = new Map<string, AdjacencyResult>();
  /** Per campaign and role: the last text and what the core's parser made of it. */
  private kept = new Map<string, { text: string; parsed: unknown }>();

  build(request: BuildRequest): BuildResult {
    let cache = this.boundaries.get(request.campaignId);
    if (!cache || cache.version !== request.boundaryVersion) {
      const files = request.boundaryFiles;
      if (!files) throw Object.assign(new Error(`boundary version ${request.boundaryVersion} not sent`), { code: MISSING_BOUNDARIES });
      const parsed = new Map(files.filter((file) => BOUNDARY_ROLES.has(file.role)).map((file) => [file.role, parseBoundaries(file.text, { file: file.file })]));
      cache = { version: request.boundaryVersion, parsed, files };
      this.boundaries.set(request.campaignId, cache);
    }
    const t0 = performance.now();
    const rest = snapshotSources({ boundaries: { file: cache.files[0]!.file, communities: null, streets: null, district: null }, settings: request.settings, status: request.status, inspections: request.inspections }).filter((file) => !BOUNDARY_ROLES.has(file.role));
    const sources = [...cache.files, ...rest];
    // What was parsed before stands in for parsing the same text again (the same result).
    const dataset: Dataset = assembleDataset(sources.map((file) => this.withParsed(request.campaignId, cache, file)));
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

  /** `file` with what was parsed of it before: the boundaries of this version, the settings or inspections of the same text. */
  private withParsed(campaignId: string, cache: BoundaryCache, file: SourceFile): SourceFile {
    const boundaries = cache.parsed.get(file.role);
    if (boundaries) return { ...file, parsed: boundaries };
    if (!KEPT_ROLES.has(file.role)) return file;
    const key = `${campaignId}:${file.role}`;
    let kept = this.kept.get(key);
    if (!kept || kept.text !== file.text) {
      try {
        kept = { text: file.text, parsed: file.role === 'campaign' ? parseCampaignConfig(file.text, file.file) : parseInspections(file.text, file.file) };
      } catch {
        // A refused file: the core parses it again and reports it in its own order of files.
        return file;
      }
      this.kept.set(key, kept);
    }
    return { ...file, parsed: kept.parsed };
  }
}
