import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { availableParallelism } from 'os';
import { Clock } from '../common/clock';
import { checkedLength } from './check-content';
import { ContentCheckPool } from './content-check-pool';
import { ContentChecker } from './content-checker';
import { ContentRuleListsSource } from './content-rule-lists';
import { ContentUnderCheck, Finding } from './finding';

/**
 * Up to this many characters (text, title, link and alt texts together) a check runs on the calling thread:
 * it takes well under a millisecond, less than the hop to a worker (bench/content-checks.bench.ts measures both).
 */
export const INLINE_MAX_CHARS = 4_000;
// One thread beside the event loop on a small machine, two at most: checks are short, the queue absorbs bursts.
const WORKERS = Math.max(1, Math.min(2, availableParallelism() - 1));
// About a second of the longest checks: beyond it a flood is refused (429) rather than answered ever later.
export const MAX_WAITING_CHECKS = 64;
// A thousand times the longest check measured: only a broken rule gets there.
const CHECK_TIME_LIMIT_MS = 10_000;

/** Runs the content checks for requests, so that no text a staff member sends holds the event loop (issue 12). */
@Injectable()
export class ContentCheckRunner implements OnModuleDestroy {
  private readonly pool = new ContentCheckPool(WORKERS, MAX_WAITING_CHECKS, CHECK_TIME_LIMIT_MS);

  constructor(
    private readonly checker: ContentChecker,
    private readonly source: ContentRuleListsSource,
    private readonly clock: Clock,
  ) {}

  /** The checker's findings (see ContentChecker.check); long texts are checked on a worker thread with the lists in force now. */
  async check(content: ContentUnderCheck): Promise<Finding[]> {
    if (checkedLength(content) <= INLINE_MAX_CHARS) return this.checker.check(content);
    return this.pool.check(content, this.source.current(), this.clock.now());
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }
}
