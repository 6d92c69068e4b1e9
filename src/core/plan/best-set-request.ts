/**
 * The one check of a best-set request (自动推荐: size, must-include, excluded), shared by the
 * worker, `lianpian plan` and the server: the what-if engine runs it before every search, so no
 * caller can send a request the others would refuse.
 */
import { InputError, type InputErrorDetails } from '../errors.ts';

/** A best-set request by node index. */
export interface BestSetQuery {
  /** Communities in the set; default the campaign target. */
  size?: number;
  /** Node indices that must be in the set. */
  must?: readonly number[];
  /** Node indices that must stay out. */
  exclude?: readonly number[];
}

export interface BestSetRequestContext {
  /** Communities in the dataset (node indices are 0 … nodeCount − 1). */
  nodeCount: number;
  /** The size used when the request gives none (the campaign target). */
  defaultSize: number;
  /** Id of each node, so messages name communities by code; default the index. */
  ids?: readonly string[];
  /** Prefix of the field names in messages: `--` in the CLI (`--size`, `--must`), none elsewhere. */
  fieldPrefix?: string;
}

/**
 * The request with its size resolved and the lists deduplicated, or every problem at once:
 * a size that is not a whole number from 1 to the number of communities, a node index out of
 * range, a community both required and excluded, more required communities than the size.
 * @throws InputError E_ARGUMENT with one issue per problem (field `size`, `must`, `exclude` or
 *   `must/exclude`, prefixed by `fieldPrefix`).
 * @example
 * checkBestSetRequest({ size: 3, must: [0], exclude: [0] }, { nodeCount: 10, defaultSize: 12 });
 * // throws: must/exclude 应为必选与排除的社区互不重叠，实际为 0
 */
export function checkBestSetRequest(request: BestSetQuery, context: BestSetRequestContext): { size: number; must: number[]; exclude: number[] } {
  const { nodeCount, ids } = context;
  const field = (name: string) => name.split('/').map((part) => `${context.fieldPrefix ?? ''}${part}`).join('/');
  const name = (v: number) => ids?.[v] ?? String(v);
  const issues: InputErrorDetails[] = [];
  const size = request.size ?? context.defaultSize;
  if (!Number.isInteger(size) || size < 1) issues.push({ code: 'E_ARGUMENT', field: field('size'), expected: '不小于 1 的整数 a whole number ≥ 1', actual: String(size) });
  else if (size > nodeCount) issues.push({ code: 'E_ARGUMENT', field: field('size'), expected: `不超过社区总数 ${nodeCount} at most the number of communities`, actual: String(size) });
  const indices = (list: readonly number[] | undefined, key: 'must' | 'exclude') => {
    const unique = [...new Set(list ?? [])];
    const outside = unique.filter((v) => !Number.isInteger(v) || v < 0 || v >= nodeCount);
    if (outside.length > 0) issues.push({ code: 'E_ARGUMENT', field: field(key), expected: `社区序号 0 … ${nodeCount - 1}`, actual: outside.slice(0, 10).join(', ') });
    return unique.filter((v) => !outside.includes(v));
  };
  const must = indices(request.must, 'must');
  const exclude = indices(request.exclude, 'exclude');
  const both = must.filter((v) => exclude.includes(v));
  if (both.length > 0) issues.push({ code: 'E_ARGUMENT', field: field('must/exclude'), expected: '必选与排除的社区互不重叠 must and exclude do not overlap', actual: both.slice(0, 10).map(name).join(', ') });
  if (Number.isInteger(size) && must.length > size) issues.push({ code: 'E_ARGUMENT', field: field('must'), expected: `必选社区不多于 ${size} 个 at most the set size`, actual: `${must.length} 个` });
  InputError.throwIfAny(issues);
  return { size, must, exclude };
}
