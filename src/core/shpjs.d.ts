/** Types for the two shpjs functions core uses (shpjs ships no types). */
declare module 'shpjs' {
  /** Geometries of a .shp file, reprojected to WGS84 when a .prj text is given. */
  export function parseShp(shp: DataView, prj?: string): unknown[];
  /** Records of a .dbf file, text decoded with the given TextDecoder label. */
  export function parseDbf(dbf: DataView, encoding?: string): Record<string, unknown>[];
}
