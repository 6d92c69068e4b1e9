/**
 * `lianpian analyze|report --campaign URL`: the command's JSON document read from a campaign
 * server instead of computed from files — GET /api/campaigns/:id/analysis or /lagging, the
 * same JSON as `--format json` on the campaign's files. URL is the campaign's address on the
 * server (`http://HOST:PORT/api/campaigns/ID`, or `http://HOST:PORT/campaigns/ID`). A public-read
 * campaign needs no sign-in; others take the session token of a signed-in user in
 * LIANPIAN_TOKEN (the value of the `lianpian_session` cookie; an environment variable, so that it
 * does not show in the process list).
 */
import { parseArgs } from 'node:util';
import { usageError, type CliIO } from './program.ts';

/** Whether the arguments ask for a server's campaign (`--campaign URL` or `--campaign=URL`). */
export const wantsCampaign = (args: readonly string[]) => args.some((arg) => arg === '--campaign' || arg.startsWith('--campaign='));

/** The document's address on the server, or the E_ARGUMENT message. */
export function campaignDocumentUrl(campaign: string, which: 'analysis' | 'lagging'): URL | string {
  let url: URL;
  try {
    url = new URL(campaign);
  } catch {
    return `--campaign 须为活动的网址，例如 http://127.0.0.1:5173/api/campaigns/lucheng (got ${JSON.stringify(campaign)})`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `--campaign 须为 http(s) 网址 (got ${JSON.stringify(campaign)})`;
  const match = /^(.*?)\/(?:api\/)?campaigns\/([^/]+)\/?$/.exec(url.pathname);
  if (!match) return `--campaign 的网址须以 /api/campaigns/<活动> 结尾 (got ${JSON.stringify(campaign)})`;
  return new URL(`${match[1]}/api/campaigns/${match[2]}/${which}${url.search}`, url.origin);
}

/** Reads the document; throws an Error with a Chinese message naming the server's answer. */
export async function fetchCampaignDocument(url: URL, env: NodeJS.ProcessEnv = process.env): Promise<unknown> {
  const token = env.LIANPIAN_TOKEN?.trim();
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json', ...(token ? { cookie: `lianpian_session=${token}` } : {}) }, signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`无法连接服务器 ${url.origin}：${cause?.code ?? cause?.message ?? (error as Error).message}`, { cause: error });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`服务器 ${url.origin} 的回答不是 JSON（HTTP ${response.status}）：${url.pathname} 是活动的网址吗？`);
  }
  if (response.status === 401) throw new Error(`活动需要登录：请在环境变量 LIANPIAN_TOKEN 中设置登录后的会话令牌（lianpian_session）（HTTP 401）`);
  if (!response.ok) {
    const message = (body as { message?: unknown }).message;
    throw new Error(`服务器回答 HTTP ${response.status}${typeof message === 'string' ? `：${message}` : ''}`);
  }
  return body;
}

/**
 * Runs a command against a server's campaign: the flags are `--campaign URL` and `--format`
 * (the formats the document alone can give; the first is the default). Returns the exit code.
 */
export async function runCampaignCommand<const F extends string>(
  args: string[],
  io: CliIO,
  { which, usage, formats, format }: { which: 'analysis' | 'lagging'; usage: string; formats: readonly [F, ...F[]]; format: (document: Record<string, unknown>, format: F) => string },
): Promise<number> {
  let values: { campaign?: string; format?: string };
  try {
    ({ values } = parseArgs({ args, strict: true, allowPositionals: false, options: { campaign: { type: 'string' }, format: { type: 'string', default: formats[0] } } }));
  } catch (error) {
    return usageError(io, `与 --campaign 同用的只有 --format ${formats.join('|')}（文件与其他选项来自服务器上的活动）(${(error as Error).message})`, usage);
  }
  if (!(formats as readonly string[]).includes(values.format!)) return usageError(io, `--campaign: --format must be one of ${formats.join('|')}, got ${JSON.stringify(values.format)}`, usage);
  const url = campaignDocumentUrl(values.campaign ?? '', which);
  if (typeof url === 'string') return usageError(io, url, usage);
  try {
    const document = (await fetchCampaignDocument(url)) as Record<string, unknown>;
    io.out(format(document, values.format as F));
    return 0;
  } catch (error) {
    io.err(`E_REMOTE: ${(error as Error).message}\n`);
    return 1;
  }
}
