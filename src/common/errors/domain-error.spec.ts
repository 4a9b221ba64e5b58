import { DomainError, ruleError } from './domain-error';

class FixedError extends ruleError('FIXED', 'conflict', 'Always the same.') {}
class CaseError extends ruleError('CASE', 'validation', (what: string) => `About ${what}.`, (what) => ({ what })) {}

describe('ruleError', () => {
  it('gives each rule its own class, code, kind and message, and no details unless the rule has some', () => {
    const error = new FixedError();
    expect(error).toBeInstanceOf(FixedError);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).not.toBeInstanceOf(CaseError);
    expect(error).toMatchObject({ name: 'FixedError', code: 'FIXED', kind: 'conflict', message: 'Always the same.' });
    expect(error.details).toBeUndefined();
  });

  it('writes the message and the details from the constructor arguments', () => {
    expect(new CaseError('x')).toMatchObject({ name: 'CaseError', code: 'CASE', kind: 'validation', message: 'About x.', details: { what: 'x' } });
  });
});
