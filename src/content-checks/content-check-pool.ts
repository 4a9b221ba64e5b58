import { extname, join } from 'path';
import { Worker } from 'worker_threads';
import { RateLimitedError } from '../common/errors/generic-errors';
import { ContentRuleLists } from './content-rule-lists';
import type { CheckAnswer, CheckJob } from './content-check.worker';
import { ContentUnderCheck, Finding } from './finding';

// Under the tests the app runs from its TypeScript sources, which a worker thread cannot load by itself: the
// bootstrap teaches its `require` to transpile them (types stripped, nothing checked), then loads the worker.
const TYPESCRIPT_BOOTSTRAP = `
const { readFileSync } = require('fs');
const { workerData } = require('worker_threads');
const ts = require(workerData.typescript);
const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
require.extensions['.ts'] = (module, filename) =>
  module._compile(ts.transpileModule(readFileSync(filename, 'utf8'), { compilerOptions: options, fileName: filename }).outputText, filename);
require(workerData.entry);
`;

function startWorker(): Worker {
  const entry = join(__dirname, `content-check.worker${extname(__filename)}`);
  if (entry.endsWith('.ts')) return new Worker(TYPESCRIPT_BOOTSTRAP, { eval: true, workerData: { entry, typescript: require.resolve('typescript') } });
  return new Worker(entry);
}

interface Waiting {
  content: ContentUnderCheck;
  lists: ContentRuleLists;
  now: Date;
  resolve: (findings: Finding[]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The lists this worker last received: sent again only when they changed. */
  lists: ContentRuleLists | null;
  busy: (Waiting & { id: number }) | null;
}

/**
 * A few worker threads that run content checks, with a bounded queue in front. Workers start on the first check
 * and are replaced if one dies; beyond the bound a check is refused with RATE_LIMITED rather than queued without end.
 */
export class ContentCheckPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Waiting[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly maxWaiting: number,
  ) {}

  check(content: ContentUnderCheck, lists: ContentRuleLists, now: Date): Promise<Finding[]> {
    if (this.closed) return Promise.reject(new Error('the content-check pool is closed'));
    if (this.queue.length >= this.maxWaiting) return Promise.reject(new RateLimitedError('Too many content checks are waiting; try again in a moment.', 1));
    return new Promise((resolve, reject) => {
      this.queue.push({ content, lists, now, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiting of this.queue.splice(0)) waiting.reject(new Error('the content-check pool is closed'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((candidate) => candidate.busy === null) ?? (this.slots.length < this.size ? this.addSlot() : null);
      if (!slot) return;
      const waiting = this.queue.shift()!;
      const job: CheckJob = { id: this.nextId++, content: waiting.content, now: waiting.now.getTime() };
      if (slot.lists !== waiting.lists) job.lists = waiting.lists;
      slot.lists = waiting.lists;
      slot.busy = { ...waiting, id: job.id };
      slot.worker.postMessage(job);
    }
  }

  private addSlot(): Slot {
    const slot: Slot = { worker: startWorker(), lists: null, busy: null };
    slot.worker.on('message', (answer: CheckAnswer) => {
      const done = slot.busy;
      if (!done || done.id !== answer.id) return;
      slot.busy = null;
      if ('findings' in answer) done.resolve(answer.findings);
      else done.reject(new Error(`content check failed in its worker: ${answer.error}`));
      this.dispatch();
    });
    // A worker that dies takes only its own check with it; the next check starts a fresh one.
    const lost = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots.splice(index, 1);
      slot.busy?.reject(error);
      slot.busy = null;
      if (!this.closed) this.dispatch();
    };
    slot.worker.on('error', lost);
    slot.worker.on('exit', (code) => lost(new Error(`the content-check worker stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }
}
