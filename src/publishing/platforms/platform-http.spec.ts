import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { PlatformHttp } from './platform-http';

const http = new PlatformHttp({ platforms: { requestTimeoutMs: 200 } as never });

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const close = (server: Server) => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
};

describe('PlatformHttp', () => {
  it('returns any status with its body and headers, without following a 308', async () => {
    const { server, url } = await listen((_req, res) => {
      res.writeHead(308, { Range: 'bytes=0-9', Location: '/elsewhere' });
      res.end();
    });
    const result = await http.send({ method: 'PUT', url, body: Buffer.alloc(10) });
    await close(server);
    expect(result).toMatchObject({ kind: 'response', status: 308, text: '' });
    expect(result.kind === 'response' && result.headers.get('range')).toBe('bytes=0-9');
  });

  it('no answer in time is lost, and a per-request timeout overrides the configured one', async () => {
    const { server, url } = await listen(() => undefined);
    const started = Date.now();
    expect(await http.send({ method: 'POST', url, body: 'x' })).toEqual({ kind: 'lost', message: 'no answer within 200 ms' });
    expect(await http.send({ method: 'POST', url, body: 'x', timeoutMs: 400 })).toEqual({ kind: 'lost', message: 'no answer within 400 ms' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(590);
    await close(server);
  });

  it('a body that stops half way is lost too: the timeout covers the whole answer', async () => {
    const { server, url } = await listen((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('partial');
    });
    expect(await http.send({ method: 'GET', url })).toMatchObject({ kind: 'lost' });
    await close(server);
  });

  it('a socket closed after the request arrived is lost; a refused connection was never sent', async () => {
    const { server, url } = await listen((req) => req.socket.destroy());
    expect(await http.send({ method: 'POST', url, body: 'x' })).toMatchObject({ kind: 'lost', message: expect.stringContaining('connection lost') });
    await close(server);
    expect(await http.send({ method: 'POST', url, body: 'x' })).toEqual({ kind: 'not_sent', message: 'could not connect (ECONNREFUSED)' });
  });

  it('gives uploads time for the bytes on a slow line', () => {
    expect(http.uploadTimeoutMs(0)).toBe(200);
    expect(http.uploadTimeoutMs(8 * 1024 * 1024)).toBeGreaterThan(60_000);
  });
});
