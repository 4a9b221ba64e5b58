import { readFileSync } from 'fs';
import { connect, Socket } from 'net';

export interface LoadResult {
  requests: number;
  perSecond: number;
  /** Requests per second of CPU the server process used meanwhile (when its pid is given). */
  perCpuSecond: number | null;
  statuses: Record<number, number>;
}

export interface LoadTarget {
  port: number;
  path: string;
  headers?: Record<string, string>;
  /** The server's process, whose CPU time is read from /proc. */
  pid?: number;
}

/**
 * Closed-loop GETs over keep-alive sockets, each waiting for its answer before asking again. Written on raw
 * sockets rather than an HTTP client so that the load generator costs little beside the server it measures.
 */
export async function closedLoop(target: LoadTarget, durationMs: number, connections = 16): Promise<LoadResult> {
  const extra = Object.entries(target.headers ?? {}).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  const request = Buffer.from(`GET ${target.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}\r\n`);
  const statuses: Record<number, number> = {};
  let requests = 0;
  let measuring = false;
  let stopped = false;
  const sockets: Socket[] = [];
  await Promise.all(
    Array.from({ length: connections }, () =>
      new Promise<void>((resolve, reject) => {
        const socket = connect(target.port, '127.0.0.1', () => {
          socket.write(request);
          resolve();
        });
        socket.setNoDelay(true);
        sockets.push(socket);
        socket.on('error', (error) => (stopped ? undefined : reject(error)));
        let buffered: Buffer = Buffer.alloc(0);
        socket.on('data', (chunk: Buffer) => {
          buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
          for (;;) {
            const headEnd = buffered.indexOf('\r\n\r\n');
            if (headEnd < 0) return;
            const head = buffered.subarray(0, headEnd).toString('latin1');
            const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
            if (!length) throw new Error(`response without Content-Length: ${head.slice(0, 200)}`);
            const total = headEnd + 4 + Number(length[1]);
            if (buffered.length < total) return;
            buffered = buffered.subarray(total);
            if (measuring) {
              requests++;
              const status = Number(head.slice(9, 12));
              statuses[status] = (statuses[status] ?? 0) + 1;
            }
            if (!stopped) socket.write(request);
          }
        });
      }),
    ),
  );
  // A short warm-up (JIT, prepared statements) before counting.
  await new Promise((resolve) => setTimeout(resolve, Math.min(500, durationMs / 4)));
  measuring = true;
  const cpuBefore = target.pid ? cpuSeconds(target.pid) : 0;
  const started = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  measuring = false;
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = target.pid ? cpuSeconds(target.pid) - cpuBefore : 0;
  stopped = true;
  for (const socket of sockets) socket.destroy();
  return { requests, perSecond: requests / elapsedS, perCpuSecond: cpu > 0 ? requests / cpu : null, statuses };
}

/**
 * User plus system CPU of a process so far (/proc ticks, 100 a second). On a busy shared machine a server's
 * requests per CPU-second vary far less than its requests per wall-clock second.
 */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** GETs at a fixed rate (open loop), for memory under a steady load; returns how many were answered. */
export async function steadyRate(target: LoadTarget, perSecond: number, durationMs: number): Promise<number> {
  const { request } = await import('http');
  const agent = new (await import('http')).Agent({ keepAlive: true, maxSockets: 8 });
  let answered = 0;
  const timer = setInterval(() => {
    request({ host: '127.0.0.1', port: target.port, path: target.path, headers: target.headers, agent }, (response) => {
      response.resume();
      response.on('end', () => answered++);
    })
      .on('error', () => undefined)
      .end();
  }, 1000 / perSecond);
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  clearInterval(timer);
  agent.destroy();
  return answered;
}
