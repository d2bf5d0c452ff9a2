import { createHash, randomBytes } from 'node:crypto';

/**
 * Tokens are 32 random bytes with a readable prefix (`rps_` session, `rpa_`
 * API token, `rsv_` survey link, `rct_` complaint thread link). Only the SHA-256 is stored: a leaked database does not
 * leak usable tokens, and a fast hash is enough for 256 random bits.
 */
export type TokenKind = 'session' | 'api' | 'survey' | 'complaintThread';
const PREFIX: Record<TokenKind, string> = { session: 'rps_', api: 'rpa_', survey: 'rsv_', complaintThread: 'rct_' };

export function newToken(kind: TokenKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

/** Kind of a credential token; survey links are not credentials and resolve to none. */
export function tokenKind(token: string): 'session' | 'api' | undefined {
  if (token.startsWith(PREFIX.session)) return 'session';
  if (token.startsWith(PREFIX.api)) return 'api';
  return undefined;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const SESSION_COOKIE = 'rapport_session';

/** Reads the session token from a Cookie header without a cookie library. */
export function tokenFromCookieHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      return decodeURIComponent(part.slice(eq + 1).trim()) || undefined;
    }
  }
  return undefined;
}

export function tokenFromAuthorization(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match?.[1];
}
