import { DomainError } from '../common/errors/domain-error';

/** A media link that is unsigned, altered or past its expiry: the platform (or anyone) gets nothing. */
export class MediaLinkInvalidError extends DomainError {
  readonly code = 'MEDIA_LINK_INVALID';
  readonly kind = 'forbidden';
  constructor(reason: 'unsigned' | 'tampered' | 'expired') {
    super(reason === 'expired' ? 'This media link has expired.' : 'This media link is not valid.');
  }
}
