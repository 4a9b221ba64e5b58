/**
 * The kinds of refusal a rule can give. Domain code never speaks HTTP; the one exception
 * filter maps a kind to a status code.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_large'
  | 'unsupported_media'
  | 'rate_limited'
  | 'unavailable';

/** A refusal by a rule, with the stable code clients rely on. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: ErrorKind;
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The base class of one rule's refusal, so that the rule reads as one line:
 * `export class AccountClosedError extends ruleError('ACCOUNT_CLOSED', 'conflict', 'This account is closed; closing is final.') {}`.
 * Where the message or the details depend on the case, they are functions of the constructor's arguments.
 */
export function ruleError<const C extends string, const K extends ErrorKind, A extends unknown[] = []>(
  code: C,
  kind: K,
  message: string | ((...args: A) => string),
  details?: (...args: A) => unknown,
) {
  abstract class RuleError extends DomainError {
    readonly code = code;
    readonly kind = kind;
    constructor(...args: A) {
      super(typeof message === 'string' ? message : message(...args), details?.(...args));
    }
  }
  return RuleError;
}
