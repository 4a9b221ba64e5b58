import { QueryFailedError } from 'typeorm';
import { uniqueViolation } from './unique-violation';

describe('uniqueViolation', () => {
  it('reads PostgreSQL 23505 errors through QueryFailedError', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "ux_policy_ack"'), {
      code: '23505',
      table: 'policy_acknowledgements',
      detail: 'Key ("policyVersion", "staffId")=(2026.1, 0d6c...) already exists.',
    });
    expect(uniqueViolation(new QueryFailedError('INSERT', [], driverError))).toEqual({ table: 'policy_acknowledgements', columns: ['policyVersion', 'staffId'] });
  });

  it('reads sqlite3 and better-sqlite3 constraint errors', () => {
    const sqlite3 = Object.assign(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: staff.emailKey'), { code: 'SQLITE_CONSTRAINT', errno: 19 });
    expect(uniqueViolation(new QueryFailedError('INSERT', [], sqlite3))).toEqual({ table: 'staff', columns: ['emailKey'] });
    const better = Object.assign(new Error('UNIQUE constraint failed: draft_approvals.draftId, draft_approvals.revisionId, draft_approvals.managerId'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(uniqueViolation(better)).toEqual({ table: 'draft_approvals', columns: ['draftId', 'revisionId', 'managerId'] });
  });

  it('is null for every other error, other constraints included', () => {
    expect(uniqueViolation(Object.assign(new Error('NOT NULL constraint failed: staff.email'), { code: 'SQLITE_CONSTRAINT_NOTNULL' }))).toBeNull();
    expect(uniqueViolation(Object.assign(new Error('violates foreign key'), { code: '23503' }))).toBeNull();
    expect(uniqueViolation(new Error('boom'))).toBeNull();
    expect(uniqueViolation(null)).toBeNull();
  });
});
