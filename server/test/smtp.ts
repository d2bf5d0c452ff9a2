import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { freePort, waitFor } from './processes.js';

/** One message as the test SMTP server received it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /** Header names lower-cased; folded lines joined. */
  headers: Map<string, string>;
  /** Decoded text/plain part (quoted-printable or base64 undone). */
  text: string;
  /** Decoded text/html part. */
  html: string;
}

function decodePart(body: string, encoding: string | undefined): string {
  if (/base64/i.test(encoding ?? '')) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding ?? '')) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
    try {
      return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
    } catch {
      return bytes;
    }
  }
  return body;
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) back to text. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodePart(data.replace(/_/g, ' '), 'quoted-printable'),
    );
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return headers;
}

/** Splits a MIME message (multipart/alternative or single part) into its text and HTML parts. */
export function parseMail(raw: string): Pick<ReceivedMail, 'headers' | 'text' | 'html'> {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const parts: Array<{ type: string; content: string }> = [];
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const at = chunk.search(/\r?\n\r?\n/);
      const partHeaders = parseHeaders(chunk.slice(0, at).trim());
      parts.push({ type: partHeaders.get('content-type') ?? '', content: decodePart(chunk.slice(at).trim(), partHeaders.get('content-transfer-encoding')) });
    }
  } else {
    parts.push({ type: headers.get('content-type') ?? 'text/plain', content: decodePart(body, headers.get('content-transfer-encoding')) });
  }
  return {
    headers,
    text: parts.find((p) => p.type.startsWith('text/plain'))?.content ?? '',
    html: parts.find((p) => p.type.startsWith('text/html'))?.content ?? '',
  };
}

/**
 * A real SMTP server of the test's own (the `smtp-server` package), on a
 * free port: it keeps every message it accepts, can refuse recipients
 * permanently (550) and can be stopped and started again on the same port
 * to simulate an outage.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** Recipients answered with 550 at RCPT TO. */
  readonly rejectRecipients = new Set<string>();
  /** Messages to these recipients answered with this reply after DATA (e.g. `552 5.2.2 Mailbox full`). */
  readonly rejectData = new Map<string, string>();
  private server: SMTPServer | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer(await freePort());
    await smtp.start();
    return smtp;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 200,
      onRcptTo: (address, _session, callback) => {
        if (this.rejectRecipients.has(address.address.toLowerCase())) {
          const error = new Error('5.1.1 No such user here') as Error & { responseCode: number };
          error.responseCode = 550;
          callback(error);
          return;
        }
        callback();
      },
      onData: (stream, session: SMTPServerSession, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const refusal = session.envelope.rcptTo.map((r) => this.rejectData.get(r.address.toLowerCase())).find(Boolean);
          if (refusal) {
            const error = new Error(refusal.replace(/^\d{3}\s*/, '')) as Error & { responseCode: number };
            error.responseCode = Number(refusal.slice(0, 3));
            callback(error);
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            ...parseMail(raw),
          });
          callback();
        });
      },
    });
    server.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** An outage: the port is closed and open connections are cut. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    // close() waits for clients to leave; a pooled client would keep it open, so its sockets are cut.
    for (const connection of (server as unknown as { connections: Set<{ _socket?: { destroy(): void } }> }).connections ?? []) connection._socket?.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Waits until `count` messages have arrived (or fails after `timeoutMs`). */
  async waitForMessages(count: number, timeoutMs = 15_000): Promise<ReceivedMail[]> {
    await waitFor(`${count} messages at the test SMTP server (have ${this.received.length})`, () => this.received.length >= count, timeoutMs);
    return this.received;
  }
}
