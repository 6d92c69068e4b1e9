/**
 * Lianpian core: the framework-free analysis library. Everything outside src/core imports
 * from here. It runs in Node (CLI, tests, benchmarks), in a Web Worker and on the main thread.
 */
export { InputError, formatInputError, describeValue } from './errors.ts';
export type { InputErrorCode, InputErrorDetails } from './errors.ts';
