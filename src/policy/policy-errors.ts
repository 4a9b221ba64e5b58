import { ruleError } from '../common/errors/domain-error';

export class VersionExistsError extends ruleError('VERSION_EXISTS', 'conflict', (version?: string) => (version === undefined ? 'A policy with this version already exists.' : `A policy with version "${version}" already exists.`)) {}

export class NoPolicyError extends ruleError('NO_POLICY', 'not_found', 'No social media policy is in effect yet.') {}

export class PolicyNotAcknowledgedError extends ruleError('POLICY_NOT_ACKNOWLEDGED', 'conflict', (version: string) => `The current social media policy (version ${version}) has not been acknowledged.`) {}
