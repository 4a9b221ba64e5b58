import { ChildProcess, fork } from 'child_process';
import { join } from 'path';

export interface ServerChild<Ready> {
  ready: Ready;
  stop(): Promise<void>;
}

/** Starts a bench server script (compiled under bench/) in its own process and waits for its first message. */
export async function startServer<Ready>(script: string, args: string[] = [], execArgv: string[] = []): Promise<ServerChild<Ready> & { child: ChildProcess }> {
  const child = fork(join(__dirname, '..', `${script}.js`), args, { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  return {
    child,
    ready,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        if (child.connected) child.send('stop');
        else child.kill();
        // A bare server does not listen for 'stop'.
        setTimeout(() => child.kill(), 3000).unref();
      }),
  };
}
