import { DomainError } from '../common/errors/domain-error';

export class TakedownUnsupportedError extends DomainError {
  readonly code = 'TAKEDOWN_UNSUPPORTED';
  readonly kind = 'conflict';
  constructor(taskId: string) {
    super('This platform offers no delete; a manual task to remove the post was opened.', { taskId });
  }
}

export class PlatformRefusedError extends DomainError {
  readonly code = 'PLATFORM_REFUSED';
  readonly kind = 'conflict';
  constructor(message: string) {
    super(`The platform refused: ${message}`);
  }
}

export class PlatformUnavailableError extends DomainError {
  readonly code = 'PLATFORM_UNAVAILABLE';
  readonly kind = 'unavailable';
  constructor(message: string) {
    super(`The platform did not confirm the delete (${message}); the post stays published. Try again later.`);
  }
}
