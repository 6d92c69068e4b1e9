/** Helpers both sides of the worker boundary use: error payloads and transfer lists. */
import { InputError } from '../core/index.ts';
import type { ErrorPayload } from './protocol.ts';

export function errorPayload(error: unknown): ErrorPayload {
  if (error instanceof InputError) return { message: error.message, input: error.toJSON() };
  // Not an input problem: a JavaScript error's English text is kept after a Chinese explanation.
  return { message: `处理时发生意外错误（请报告此问题，并附上所用文件）：${error instanceof Error ? error.message : String(error)}` };
}

/** The ArrayBuffers inside a result (typed arrays of graphs and metrics), to transfer not copy. */
export function transferablesOf(value: unknown, found: Set<ArrayBuffer> = new Set(), depth = 0): ArrayBuffer[] {
  if (depth > 3 || value === null || typeof value !== 'object') return [...found];
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && value.byteLength === value.buffer.byteLength) found.add(value.buffer);
    return [...found];
  }
  if (Array.isArray(value)) return [...found];
  for (const child of Object.values(value)) transferablesOf(child, found, depth + 1);
  return [...found];
}

/** Error raised on the main thread for a failed request; `input` holds validation details. */
export class AnalysisError extends Error {
  readonly input: ErrorPayload['input'];

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'AnalysisError';
    this.input = payload.input;
  }
}
