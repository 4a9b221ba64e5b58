import { performance } from 'perf_hooks';

/** CPU milliseconds the process has used so far (every thread). */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * The longest time the event loop was held while `work` ran: a 1 ms timer re-armed on every tick, and the
 * largest lateness of any tick (or of the end of the work). Everything that runs on this thread counts, which is
 * the point: an in-process app's request handling shows up here. A tick's lateness counts at most the CPU time
 * the process used meanwhile: on a busy machine the process may wait to be scheduled, which holds nothing of
 * its own, while a real stall is work and uses as much CPU as it lasts.
 */
export async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let due = performance.now() + 1;
  let usedAt = cpuMs();
  let timer: NodeJS.Timeout | undefined;
  const lateness = (): number => {
    const used = cpuMs();
    const late = Math.min(performance.now() - due, used - usedAt);
    usedAt = used;
    return late;
  };
  const tick = () => {
    longest = Math.max(longest, lateness());
    due = performance.now() + 1;
    timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  try {
    await work();
  } finally {
    clearTimeout(timer);
  }
  return Math.max(longest, lateness());
}
