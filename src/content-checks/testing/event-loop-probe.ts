import { performance } from 'perf_hooks';

/**
 * The longest time the event loop was unavailable while `work` ran: a 1 ms timer re-armed on every tick, and the
 * largest lateness of any tick (or of the end of the work). Everything that runs on this thread counts, which is
 * the point: an in-process app's request handling shows up here.
 */
export async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let due = performance.now() + 1;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - due);
    due = now + 1;
    timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  try {
    await work();
  } finally {
    clearTimeout(timer);
  }
  return Math.max(longest, performance.now() - due);
}
