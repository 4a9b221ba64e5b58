import { ruleError } from '../common/errors/domain-error';

export class TakedownUnsupportedError extends ruleError('TAKEDOWN_UNSUPPORTED', 'conflict', 'This platform offers no delete; a manual task to remove the post was opened.', (taskId: string) => ({ taskId })) {}

export class PlatformRefusedError extends ruleError('PLATFORM_REFUSED', 'conflict', (message: string) => `The platform refused: ${message}`) {}

export class PlatformUnavailableError extends ruleError('PLATFORM_UNAVAILABLE', 'unavailable', (message: string) => `The platform did not confirm the delete (${message}); the post stays published. Try again later.`) {}
