import { DomainError } from './domain-error';

export class ValidationFailedError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly kind = 'validation';
  constructor(message = 'The request is not valid.', details?: unknown) {
    super(message, details);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  readonly kind = 'unauthenticated';
  constructor(message = 'Sign in to continue.') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly kind = 'forbidden';
  constructor(message = 'Your role does not allow this.') {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly kind = 'not_found';
  constructor(what = 'resource') {
    super(`No such ${what}.`);
  }
}

export class InvalidStateError extends DomainError {
  readonly code = 'INVALID_STATE';
  readonly kind = 'conflict';
  constructor(message: string, details?: unknown) {
    super(message, details);
  }
}

export class PayloadTooLargeError extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE';
  readonly kind = 'too_large';
  constructor(message = 'The request body is too large.') {
    super(message);
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
  readonly kind = 'unsupported_media';
  constructor(message = 'This type of content is not supported.') {
    super(message);
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  readonly kind = 'rate_limited';
  constructor(
    message = 'Too many requests; try again later.',
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
