import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';

/** One request as the emulator received it, for assertions on exact shape. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** The body as a form (Graph API, OAuth token endpoints). */
  form: URLSearchParams;
  /** The body as JSON, or undefined. */
  json: any;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or Buffer as is. */
  body?: unknown;
}

/**
 * What happens to the next matching request instead of (or after) normal handling:
 * - reply: answer this instead;
 * - hang: read the request and never answer; with `handled`, act on it first (the post is made, the answer never comes);
 * - drop: read the request then destroy the socket; `handled` as for hang.
 */
export type Fault = { kind: 'reply'; reply: Reply } | { kind: 'hang'; handled?: boolean } | { kind: 'drop'; handled?: boolean };

export type Match = (request: RecordedRequest) => boolean;

/** Matches a method and a path (a RegExp tested against the path, or an exact suffix). */
export const on = (method: string, path: RegExp | string): Match => (r) =>
  r.method === method && (typeof path === 'string' ? r.path.endsWith(path) : path.test(r.path));

/**
 * A platform API on 127.0.0.1 with a random port: records every request and lets a test decide
 * what the next matching request gets.
 */
export abstract class EmulatorServer {
  readonly requests: RecordedRequest[] = [];
  private readonly faults: { match: Match; fault: Fault }[] = [];
  private server: Server | null = null;
  private base = '';

  get url(): string {
    return this.base;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.onRequest(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next request matching `match` (any request when omitted) gets `fault`. */
  inject(fault: Fault, match: Match = () => true): void {
    this.faults.push({ match, fault });
  }

  failNext(reply: Reply, match?: Match): void {
    this.inject({ kind: 'reply', reply }, match);
  }

  serverErrorNext(match?: Match): void {
    this.failNext({ status: 500, body: this.serverErrorBody() }, match);
  }

  rateLimitNext(retryAfterSeconds: number, match?: Match): void {
    this.failNext({ status: 429, headers: { 'Retry-After': String(retryAfterSeconds) }, body: this.rateLimitBody() }, match);
  }

  hangNext(match?: Match, handled = false): void {
    this.inject({ kind: 'hang', handled }, match);
  }

  dropNext(match?: Match, handled = false): void {
    this.inject({ kind: 'drop', handled }, match);
  }

  requestsTo(match: Match): RecordedRequest[] {
    return this.requests.filter(match);
  }

  protected abstract handle(request: RecordedRequest): Promise<Reply> | Reply;
  protected abstract rateLimitBody(): unknown;
  protected abstract serverErrorBody(): unknown;

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://emulator');
    const text = body.toString('utf8');
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      text,
      form: new URLSearchParams(req.headers['content-type']?.includes('x-www-form-urlencoded') ? text : ''),
      json,
    };
    this.requests.push(recorded);

    const index = this.faults.findIndex((f) => f.match(recorded));
    const fault = index >= 0 ? this.faults.splice(index, 1)[0].fault : null;
    if (fault?.kind === 'reply') return this.send(res, fault.reply);
    let reply: Reply;
    try {
      if (fault && !fault.handled) reply = { status: 0 };
      else reply = await this.handle(recorded);
    } catch (error) {
      reply = { status: 500, body: this.serverErrorBody() };
    }
    if (fault?.kind === 'hang') return; // never answer; stop() closes the socket
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    this.send(res, reply);
  }

  private send(res: ServerResponse, reply: Reply): void {
    const headers: Record<string, string> = { ...reply.headers };
    let payload: string | Buffer = '';
    if (Buffer.isBuffer(reply.body) || typeof reply.body === 'string') payload = reply.body;
    else if (reply.body !== undefined) {
      payload = JSON.stringify(reply.body);
      headers['Content-Type'] ??= 'application/json; charset=UTF-8';
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }
}

let counter = 1_000;
/** Numeric-looking ids like the platforms hand out. */
export const nextNumericId = (): string => String(17_841_400_000_000 + ++counter);
