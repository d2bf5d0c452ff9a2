import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { ErrorCode } from '../errors/error-codes.js';

/**
 * GraphQL over HTTP straight from node:http into Apollo (`executeHTTPGraphQLRequest`), without
 * express, its router and body-parser in between: on a small authenticated query those three were
 * ~30% of the server's CPU (issue #15's `{ __typename }` row). Express still serves everything else
 * (health, unsubscribe, the admin app). What body-parser did for the API is done here the same way:
 * a size limit answered with 413, malformed JSON with 400, only `application/json` bodies parsed.
 */

/** A clean JSON error answered before GraphQL runs. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** `application/json` with any parameters (charset); other types reach Apollo without a body, which refuses them. */
function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const semicolon = contentType.indexOf(';');
  return (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase() === 'application/json';
}

/**
 * The request body as parsed JSON (an empty body as `{}`, like body-parser), or undefined for
 * requests without a JSON body. Refuses bodies over `limitBytes` as soon as they are known to be.
 */
export function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  if (!isJson(req.headers['content-type'])) {
    req.resume(); // nothing to parse; let the stream finish so the socket can be reused
    return Promise.resolve(undefined);
  }
  const tooLarge = () => new HttpRefusal(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${limitBytes} bytes`);
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  // 413 and 415 leave the body unread: the answer closes the connection (see sendRefusal).
  if (encoding !== 'identity') {
    return Promise.reject(new HttpRefusal(415, 'BAD_REQUEST', `Content-Encoding "${encoding}" is not supported; send the body uncompressed`));
  }
  const declared = Number(req.headers['content-length']);
  if (declared > limitBytes) {
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let refused = false;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) {
        refused = true;
        chunks.length = 0;
        req.off('data', onData);
        req.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('error', (error) => {
      if (!refused) reject(error);
      refused = true;
    });
    req.on('end', () => {
      if (refused) return;
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
      if (text.length === 0) return resolve({});
      // Like body-parser's strict mode: only an object or an array is a GraphQL request body.
      const first = text.trimStart()[0];
      try {
        if (first !== '{' && first !== '[') throw new SyntaxError('not an object or array');
        resolve(JSON.parse(text));
      } catch {
        reject(new HttpRefusal(400, 'BAD_REQUEST', 'Request body is not valid JSON'));
      }
    });
  });
}

/** Request headers as Apollo reads them (lower-case names, repeated headers joined). */
function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** Runs one HTTP GraphQL request through Apollo and writes its answer. Errors before and around Apollo reject. */
export async function serveGraphQL<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  req: IncomingMessage,
  res: ServerResponse,
  options: { bodyLimitBytes: number; context: () => Promise<TContext> },
): Promise<void> {
  const body = await readJsonBody(req, options.bodyLimitBytes);
  const url = req.url ?? '/';
  const question = url.indexOf('?');
  const answer = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: {
      method: (req.method ?? 'GET').toUpperCase(),
      headers: headerMap(req),
      search: question < 0 ? '' : url.slice(question),
      body,
    },
    context: options.context,
  });
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.statusCode = answer.status ?? 200;
  if (answer.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(answer.body.string));
    res.end(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * Writes a JSON error answer (nothing ran). After a refused body (413, 415) the rest of it was
 * never read, so the connection closes instead of parsing that rest as the next request.
 */
export function sendRefusal(res: ServerResponse, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  if (status === 413 || status === 415) res.shouldKeepAlive = false;
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export interface CookieOptions {
  httpOnly: boolean;
  sameSite: 'lax' | 'strict';
  secure: boolean;
  path: string;
}

/** A Set-Cookie value (the cookie values Rapport sets are base64url tokens: nothing to escape). */
export function serializeCookie(name: string, value: string, options: CookieOptions, expires: Date): string {
  let cookie = `${name}=${encodeURIComponent(value)}; Path=${options.path}; Expires=${expires.toUTCString()}`;
  if (options.httpOnly) cookie += '; HttpOnly';
  if (options.secure) cookie += '; Secure';
  cookie += options.sameSite === 'strict' ? '; SameSite=Strict' : '; SameSite=Lax';
  return cookie;
}
