/** Types of scripts/build-cli.mjs (for tests). */
export declare const ROOT: string;
export declare const BUNDLE: string;
/** Builds dist-cli/lianpian.mjs and its input list (atomic replace). */
export declare function buildCli(): Promise<void>;
/** True when the bundle exists and no recorded input changed since the build. */
export declare function isCliBundleFresh(): boolean;
