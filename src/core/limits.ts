/**
 * Every size limit on user input, in one place. Readers, the preview, the CLI and the UI import
 * these constants; none writes its own number. The README's data section states them.
 */
import { MAX_INPUT_BYTES } from './errors.ts';

export { MAX_INPUT_BYTES };

/**
 * Largest decompressed size of one archive entry or one gzip stream, in bytes: the same
 * 256 MiB as a file (what a reader can parse at all). Checked while inflating, never from the
 * sizes an archive declares (a zip or gzip can lie about them).
 */
export const MAX_ENTRY_BYTES = MAX_INPUT_BYTES;

/** Largest decompressed size of all entries of one archive together, in bytes. */
export const MAX_ARCHIVE_BYTES = MAX_INPUT_BYTES;

/**
 * Compressed bytes handed to the inflater at a time. Deflate expands at most ~1032:1, so one
 * push yields at most ~16.5 MiB before the running count is checked again.
 */
export const INFLATE_CHUNK_BYTES = 16 * 1024;

/**
 * Largest table (CSV or worksheet) as rows × columns cells. Why: a worksheet's grid is
 * allocated from its furthest cell (one cell at XFD1048576 is 17 billion cells), and each cell
 * is a JS string of ~40 bytes, so 4 million cells is ~160 MB; a status table of a whole province
 * (20,000 communities × 40 columns = 800,000) fits five times over.
 */
export const MAX_TABLE_CELLS = 4_000_000;

/** Largest number of columns in a table: the status table has ~40; Excel allows 16,384. */
export const MAX_TABLE_COLUMNS = 1_000;

/** The import preview shows at most this many columns of a table's mapping, then a count of the rest. */
export const PREVIEW_MAX_COLUMNS = 60;

/** Lists in the preview (unmatched codes, warnings, errors) show at most this many items, then a count. */
export const PREVIEW_MAX_ITEMS = 50;

/** Longest export file name stem, in characters (file systems allow 255 bytes; CJK is 3 bytes in UTF-8). */
export const MAX_EXPORT_NAME_CHARS = 60;

/**
 * Most campaign features (landscape routes, road works, service centres, project sites) in one
 * campaign and in one import. Why: a district has ~150 communities and a dozen named roads, so a
 * few hundred features is the real size; 2,000 leaves room while one GET stays a few MB.
 */
export const MAX_CAMPAIGN_FEATURES = 2_000;

/**
 * Most positions of one campaign feature's line. A route drawn by hand has tens; a road traced
 * from OpenStreetMap a few hundred; 5,000 keeps one feature under ~150 kB of JSON.
 */
export const MAX_FEATURE_POSITIONS = 5_000;

/** Most positions of all features of one import together (~6 MB of JSON, under the route's body limit). */
export const MAX_IMPORT_POSITIONS = 200_000;

/** Longest name of a campaign feature, in characters (code points): it is a map label. */
export const MAX_FEATURE_NAME_CHARS = 60;

/**
 * Longest note on a works sign-off or payment, and longest override reason, in characters: what
 * the server's body schema accepts and the forms let a person type (a paragraph of 审核意见).
 */
export const MAX_WORKS_NOTE_CHARS = 2_000;
