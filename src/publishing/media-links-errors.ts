import { ruleError } from '../common/errors/domain-error';

/** A media link that is unsigned, altered or past its expiry: the platform (or anyone) gets nothing. */
export class MediaLinkInvalidError extends ruleError('MEDIA_LINK_INVALID', 'forbidden', (reason: 'unsigned' | 'tampered' | 'expired') => (reason === 'expired' ? 'This media link has expired.' : 'This media link is not valid.')) {}
