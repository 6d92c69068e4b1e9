/** Types of scripts/build-cli.mjs (for tests). */
export declare const ROOT: string;
export declare const BUNDLE: string;
/** Builds dist-cli/lianpian.cjs and its input list (atomic replace), then its code cache. */
export declare function buildCli(): Promise<void>;
/** True when the bundle exists and no recorded input changed since the build. */
export declare function isCliBundleFresh(): boolean;
/** Runs the bundle (as a CommonJS module) through V8's code cache, writing the cache when there is none. */
export declare function runCliBundle(): void;
