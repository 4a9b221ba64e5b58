import { DomainError } from '../common/errors/domain-error';

export class VersionExistsError extends DomainError {
  readonly code = 'VERSION_EXISTS';
  readonly kind = 'conflict';
  constructor(version?: string) {
    super(version === undefined ? 'A policy with this version already exists.' : `A policy with version "${version}" already exists.`);
  }
}

export class NoPolicyError extends DomainError {
  readonly code = 'NO_POLICY';
  readonly kind = 'not_found';
  constructor() {
    super('No social media policy is in effect yet.');
  }
}

export class PolicyNotAcknowledgedError extends DomainError {
  readonly code = 'POLICY_NOT_ACKNOWLEDGED';
  readonly kind = 'conflict';
  constructor(version: string) {
    super(`The current social media policy (version ${version}) has not been acknowledged.`);
  }
}
