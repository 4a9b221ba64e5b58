import { createReadStream } from 'fs';
import { stat } from 'fs/promises';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { join } from 'path';
import { MediaLinks } from '../../src/publishing/media-links';

/**
 * Stands in for Gatehouse's public media route in platform tests: serves `dir/<id>` only for a link
 * MediaLinks signed, so an emulator that downloads image_url proves the signed link works end to end.
 */
export class MediaHost {
  private server: Server | null = null;
  url = '';
  readonly refused: string[] = [];

  constructor(
    private readonly dir: string,
    private readonly links: () => MediaLinks,
  ) {}

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://host');
      const match = /^\/media-links\/([^/]+)$/.exec(url.pathname);
      try {
        if (!match) throw new Error('no route');
        const id = decodeURIComponent(match[1]);
        this.links().verify(id, url.searchParams.get('expires') ?? undefined, url.searchParams.get('sig') ?? undefined);
        const path = join(this.dir, id);
        const info = await stat(path);
        res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': String(info.size) });
        createReadStream(path).pipe(res);
      } catch {
        this.refused.push(req.url ?? '');
        res.writeHead(403, { 'Content-Type': 'application/json' });
        res.end('{"code":"MEDIA_LINK_INVALID"}');
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
