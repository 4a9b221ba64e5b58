import { DomainError } from '../errors/domain-error';
import { InvalidStateError } from '../errors/generic-errors';
import { AlreadyApprovedError } from '../../approvals/approvals-errors';
import { VersionExistsError } from '../../policy/policy-errors';
import { EmailTakenError } from '../../staff/staff-errors';
import { UniqueViolation, uniqueViolation } from './unique-violation';

interface UniqueKey {
  table: string;
  columns: string[];
  /** The rule's answer when the duplicate is the caller's (what its own check would have said). */
  answer: () => DomainError;
}

const concurrentChange = () => new InvalidStateError('Another request changed this at the same moment; try again.');

/**
 * Every unique index and primary key of the schema, with the rule it enforces. A transaction that
 * collides with one is run again (Transactions.run): by then the other request has committed, so the
 * rule's own check sees the row and answers (an idempotent 200, VERSION_EXISTS, EMAIL_TAKEN...). When the
 * collision repeats, `answer` is the reply. A test keeps this list in step with the migrations.
 */
export const UNIQUE_KEYS: UniqueKey[] = [
  { table: 'staff', columns: ['emailKey'], answer: () => new EmailTakenError() },
  { table: 'policies', columns: ['version'], answer: () => new VersionExistsError() },
  // Acknowledging twice is idempotent: the second run finds the first acknowledgement and returns it.
  { table: 'policy_acknowledgements', columns: ['policyVersion', 'staffId'], answer: concurrentChange },
  { table: 'draft_approvals', columns: ['draftId', 'revisionId', 'managerId'], answer: () => new AlreadyApprovedError() },
  { table: 'account_platform_admins', columns: ['accountId', 'staffId'], answer: concurrentChange },
  // Numbered rows (versions, revisions, event sequences, audit ids): the second run takes the next number.
  { table: 'dpias', columns: ['accountId', 'version'], answer: concurrentChange },
  { table: 'draft_revisions', columns: ['draftId', 'number'], answer: concurrentChange },
  { table: 'draft_events', columns: ['draftId', 'seq'], answer: concurrentChange },
  { table: 'audit_entries', columns: ['id'], answer: concurrentChange },
  // At most once per subject: the second run finds the row the first one wrote.
  { table: 'consent_requests', columns: ['draftId', 'mediaId', 'staffId'], answer: concurrentChange },
  { table: 'publish_outbox', columns: ['revisionId'], answer: concurrentChange },
  { table: 'sandbox_posts', columns: ['revisionId'], answer: concurrentChange },
  { table: 'notifications', columns: ['dedupeKey'], answer: concurrentChange },
  { table: 'job_locks', columns: ['name'], answer: concurrentChange },
  { table: 'scim_users', columns: ['staffId'], answer: concurrentChange },
  // A fresh random 256-bit token: a collision means a new token on the second run.
  { table: 'sessions', columns: ['tokenHash'], answer: concurrentChange },
  // The random state of an OAuth or OpenID sign-in in flight: likewise, a new state on the second run.
  { table: 'oidc_sign_ins', columns: ['stateHash'], answer: concurrentChange },
  { table: 'connections', columns: ['stateHash'], answer: concurrentChange },
  // A protected name added twice at once: the second run finds the stored hash and skips it.
  { table: 'protected_names', columns: ['entryHash'], answer: concurrentChange },
  // One open-task notice per person and subject: the second run finds the notice the first one wrote.
  { table: 'task_notices', columns: ['staffId', 'kind', 'subjectId'], answer: concurrentChange },
  // One preference row per person: the second run updates the row the first one inserted.
  { table: 'notification_preferences', columns: ['staffId'], answer: concurrentChange },
  // A fresh random reset token: a collision means a new token on the second run.
  { table: 'password_reset_tokens', columns: ['tokenHash'], answer: concurrentChange },
];

const sameColumns = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

export function uniqueKeyFor(violation: UniqueViolation): UniqueKey | undefined {
  return UNIQUE_KEYS.find((key) => key.table === violation.table && sameColumns(key.columns, violation.columns));
}

/** The rule's answer for a driver's unique-violation error, or null when the error is something else. */
export function translateUniqueViolation(error: unknown): DomainError | null {
  const violation = uniqueViolation(error);
  if (!violation) return null;
  return (uniqueKeyFor(violation)?.answer ?? concurrentChange)();
}
