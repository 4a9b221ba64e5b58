import { Injectable } from '@nestjs/common';
import { newId } from '../../common/ids';
import { FindRecentResult, PlatformClient, PublishOutcome, RemoveOutcome } from './platform-client';

/**
 * Sandbox accounts never reach a platform: the post "exists" once the caller stores it in the sandbox
 * table, so publishing always succeeds and the id is ours.
 */
@Injectable()
export class SandboxClient implements PlatformClient {
  readonly platform = 'sandbox' as const;

  async publish(): Promise<PublishOutcome> {
    return { kind: 'published', externalId: `sandbox:${newId()}`, url: null };
  }

  /** Sandbox publishing cannot end unknown, so there is nothing to look for. */
  async findRecent(): Promise<FindRecentResult> {
    return { kind: 'not_found' };
  }

  /** The caller removes the sandbox row; nothing is outside Gatehouse. */
  async remove(): Promise<RemoveOutcome> {
    return { kind: 'removed' };
  }
}
