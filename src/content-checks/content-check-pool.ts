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
  busy: (Waiting & { id: number; timer: NodeJS.Timeout }) | null;
}

/**
 * A few worker threads that run content checks, with a bounded queue in front. Workers start on the first check
 * and are replaced if one dies; beyond the bound a check is refused with RATE_LIMITED rather than queued without end.
 * A check that runs past its time limit fails and its worker is replaced, so a pathological text can hold neither
 * a worker nor the request (and any transaction it has open) for ever.
 */
export class ContentCheckPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Waiting[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly maxWaiting: number,
    private readonly timeLimitMs: number,
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
    const slots = this.slots.splice(0);
    for (const slot of slots) this.fail(slot, new Error('the content-check pool is closed'));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((candidate) => candidate.busy === null) ?? (this.slots.length < this.size ? this.addSlot() : null);
      if (!slot) return;
      const waiting = this.queue.shift()!;
      const job: CheckJob = { id: this.nextId++, content: waiting.content, now: waiting.now.getTime() };
      if (slot.lists !== waiting.lists) job.lists = waiting.lists;
      slot.lists = waiting.lists;
      const timer = setTimeout(() => this.remove(slot, new Error(`the content check took longer than ${this.timeLimitMs} ms`)), this.timeLimitMs);
      slot.busy = { ...waiting, id: job.id, timer };
      slot.worker.postMessage(job);
    }
  }

  private addSlot(): Slot {
    const slot: Slot = { worker: startWorker(), lists: null, busy: null };
    slot.worker.on('message', (answer: CheckAnswer) => {
      const done = slot.busy;
      if (!done || done.id !== answer.id) return;
      clearTimeout(done.timer);
      slot.busy = null;
      if ('findings' in answer) done.resolve(answer.findings);
      else {
        // The worker may not have taken the lists in: send them again with the next check.
        slot.lists = null;
        done.reject(new Error(`content check failed in its worker: ${answer.error}`));
      }
      this.dispatch();
    });
    slot.worker.on('error', (error) => this.remove(slot, error));
    slot.worker.on('exit', (code) => this.remove(slot, new Error(`the content-check worker stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  /** A worker that dies or overruns takes only its own check with it; the next check starts a fresh one. */
  private remove(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    this.fail(slot, error);
    void slot.worker.terminate();
    if (!this.closed) this.dispatch();
  }

  private fail(slot: Slot, error: Error): void {
    if (!slot.busy) return;
    clearTimeout(slot.busy.timer);
    slot.busy.reject(error);
    slot.busy = null;
  }
}
