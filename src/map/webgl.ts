/** The answer of `hasWebGL2`, asked once per page (each check makes a WebGL context). */
let answer: boolean | undefined;

/** Whether this browser can run maplibre-gl 6, which needs WebGL2. */
export function hasWebGL2(): boolean {
  if (answer !== undefined) return answer;
  try {
    const context = document.createElement('canvas').getContext('webgl2');
    answer = context !== null;
    // Let the probe's context go now instead of at garbage collection (browsers cap live contexts).
    context?.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    answer = false;
  }
  return answer;
}
