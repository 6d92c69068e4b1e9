/**
 * Safe reading of user JSON: own-property lookups only (a field named `constructor` or
 * `toString` is data, not Object.prototype), and a nesting limit checked without recursion, so
 * that deeply nested input is refused with an InputError instead of overflowing the stack later
 * (JSON.stringify and structuredClone recurse).
 */
import { InputError } from '../errors.ts';

/** Properties (and other kept JSON values) may nest at most this many levels of arrays/objects. */
export const MAX_JSON_DEPTH = 32;

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `object[key]` when `key` is the object's own property, else undefined (never inherited members). */
export function ownValue(object: unknown, key: string): unknown {
  return isObject(object) && Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Parses JSON text (a leading BOM is ignored). @throws InputError E_JSON with the parser's reason. */
export function parseJsonText(text: string, file: string, expected: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError({ code: 'E_JSON', file, expected, actual: (error as Error).message });
  }
}

/**
 * The path (relative to `value`, e.g. `.a[0][0]`) of the first array or object nested deeper
 * than `maxDepth` levels, or undefined when `value` is within the limit. Iterative: any depth is safe.
 */
export function pathTooDeep(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value: item, depth, path } = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= maxDepth) return path;
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push({ value: item[i], depth: depth + 1, path: `${path}[${i}]` });
    } else {
      for (const key of Object.keys(item)) stack.push({ value: (item as Record<string, unknown>)[key], depth: depth + 1, path: `${path}.${key}` });
    }
  }
  return undefined;
}
