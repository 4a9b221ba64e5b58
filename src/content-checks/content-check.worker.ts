import { parentPort } from 'worker_threads';
import { checkContent, contentRules } from './check-content';
import { ContentRuleLists } from './content-rule-lists';
import { ContentRule } from './content-rule';
import { ContentUnderCheck, Finding } from './finding';

/** One check sent to the worker: the lists come only when they changed since the worker's last check. */
export interface CheckJob {
  id: number;
  content: ContentUnderCheck;
  lists?: ContentRuleLists;
  /** The app's clock at the request (epoch ms): tests move it, and the date rule reads it. */
  now: number;
}

export type CheckAnswer = { id: number; findings: Finding[] } | { id: number; error: string };

let rules: readonly ContentRule[] = [];
let now = new Date(0);
const clock = { now: () => now };

// The rules the main thread would run, on this thread, so a long check never holds the event loop.
parentPort?.on('message', (job: CheckJob) => {
  let answer: CheckAnswer;
  try {
    if (job.lists) rules = contentRules(job.lists, clock);
    now = new Date(job.now);
    answer = { id: job.id, findings: checkContent(rules, job.content) };
  } catch (error) {
    answer = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(answer);
});
