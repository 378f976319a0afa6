import type { IncomingMessage } from 'node:http';
import { BRIDGE_HEADER, BRIDGE_HEADER_VALUE } from '../../electron/shared/bridge';
import type { AppError } from '../../electron/shared/errors';
import { MAX_BUNDLE_BYTES } from '../../electron/shared/limits';

const MB = 1024 * 1024;

// The checks an API call passes before its body is parsed: who sent it (a cross-site request forgery from
// a page on another local port is refused), and that reading it cannot exhaust memory or hold the event
// loop (size and nesting are bounded while the bytes arrive).

export type Refusal = { status: number; error: AppError };

const refuse = (status: number, message: string): Refusal => ({
  status,
  error: { code: 'UNAUTHORIZED', message },
});

/**
 * A call must come from the bridge's own page: its Origin is the bridge's origin, it says it is JSON, and
 * it carries the bridge header. A browser sends the last two cross-origin only after a preflight, which the
 * bridge never answers, so a page elsewhere cannot make the browser send such a request with the cookie.
 */
export const checkCaller = (req: IncomingMessage, ownOrigins: ReadonlySet<string>): Refusal | null => {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || !ownOrigins.has(origin))
    return refuse(403, '拒绝：请求不是来自帮扶台账自己的页面');
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return refuse(403, '拒绝：请求的内容类型不是 JSON');
  if (req.headers[BRIDGE_HEADER] !== BRIDGE_HEADER_VALUE)
    return refuse(403, '拒绝：请求缺少帮扶台账的标记，可能来自其他网页');
  return null;
};

const invalid = (status: number, message: string): Refusal => ({
  status,
  error: { code: 'VALIDATION', message, fields: { _: message } },
});

/**
 * Tracks the nesting depth of JSON text as it streams in. Works on bytes: the characters that matter
 * (quotes, backslash, brackets) are ASCII and never occur inside a multi-byte UTF-8 sequence.
 */
export const nestingMeter = (maxDepth: number) => {
  let depth = 0;
  let inString = false;
  let escaped = false;
  return (chunk: Buffer): boolean => {
    for (const b of chunk) {
      if (inString) {
        if (escaped) escaped = false;
        else if (b === 0x5c) escaped = true;
        else if (b === 0x22) inString = false;
      } else if (b === 0x22) inString = true;
      else if (b === 0x7b || b === 0x5b) {
        if (++depth > maxDepth) return false;
      } else if (b === 0x7d || b === 0x5d) depth--;
    }
    return true;
  };
};

/**
 * The body as text, or why it was refused. An oversized or too deeply nested body is read to its end
 * without being kept, so the client gets the Chinese answer instead of a reset connection.
 */
export const readBody = (
  req: IncomingMessage,
  limits: { maxBytes: number; maxDepth: number },
): Promise<{ text: string } | Refusal> =>
  new Promise((ok, fail) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = invalid(
      413,
      `请求过大：单次不能超过 ${Math.ceil(limits.maxBytes / MB)} MB（同步包不能超过 ${MAX_BUNDLE_BYTES / MB} MB）`,
    );
    let refusal: Refusal | null = declared > limits.maxBytes ? tooLarge : null;
    const chunks: Buffer[] = [];
    let size = 0;
    const withinDepth = nestingMeter(limits.maxDepth);
    req.on('data', (c: Buffer) => {
      if (refusal) return;
      size += c.length;
      if (size > limits.maxBytes) refusal = tooLarge;
      else if (!withinDepth(c)) refusal = invalid(400, `请求格式不正确：嵌套超过 ${limits.maxDepth} 层`);
      else chunks.push(c);
      if (refusal) chunks.length = 0;
    });
    req.on('end', () => ok(refusal ?? { text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', fail);
  });

/** The envelope of a call, checked field by field so a malformed one is named, not crashed on. */
export const parseCall = (text: string): { method: string; input: unknown } | Refusal => {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return invalid(400, '请求格式不正确：不是有效的 JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return invalid(400, '请求格式不正确：应为包含 method 和 input 的对象');
  const { method, input } = body as { method?: unknown; input?: unknown };
  if (typeof method !== 'string') {
    const message = '请求格式不正确：缺少操作名称 method（应为文字）';
    return { status: 400, error: { code: 'VALIDATION', message, fields: { method: message } } };
  }
  return { method, input };
};
