/**
 * API errors: a stable code, an HTTP status and a Chinese message. Every error leaves the
 * server as JSON `{code, message}` (plus `current` for a 409, `issues` for invalid data), never
 * a stack trace or an HTML page (see app.ts's error and not-found handlers).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const unauthorized = () => new ApiError(401, 'E_AUTH', '请先登录');
export const forbidden = (what = '此操作') => new ApiError(403, 'E_FORBIDDEN', `您的角色或范围不允许${what}`);
export const notFound = (what: string) => new ApiError(404, 'E_NOT_FOUND', `找不到${what}`);
/** A write made on a stale version: the current row goes back so that the client can show both. */
export const conflict = (current: unknown) => new ApiError(409, 'E_CONFLICT', '数据已被他人修改：请查看当前版本后再决定是否覆盖', { current });
