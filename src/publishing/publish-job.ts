import type { PublishOutbox } from './publish-outbox.entity';

export const PUBLISH_QUEUE = 'publish';

export interface PublishJobData {
  draftId: string;
  revisionId: string;
}

/** The job id is derived from the revision (and the manager's retry count), so queueing twice is a no-op. */
export function publishJobId(outbox: Pick<PublishOutbox, 'revisionId' | 'attempts'>): string {
  return `rev-${outbox.revisionId}-${outbox.attempts}`;
}

/** Waits for `work` at most `ms`; shutdown must not hang on a Redis that is gone. */
export async function withinMs(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
