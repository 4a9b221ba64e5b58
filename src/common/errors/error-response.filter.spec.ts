import { BadRequestException } from '@nestjs/common';
import { ErrorResponseFilter } from './error-response.filter';
import { InvalidStateError } from './generic-errors';

describe('ErrorResponseFilter', () => {
  const filter = new ErrorResponseFilter();
  (filter as unknown as { logger: { error: () => void } }).logger = { error: () => undefined };

  it('hides the details of unexpected errors: no stack, no SQL', () => {
    const error = new Error('SQLITE_ERROR: no such column: "secret" in SELECT * FROM staff');
    const body = filter.toBody(error);
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Something went wrong on our side.' });
    expect(JSON.stringify(body)).not.toMatch(/SQLITE|SELECT|at Object/);
  });

  it('maps a rule’s kind to its status and keeps its code and details', () => {
    expect(filter.toBody(new InvalidStateError('Not from this status.', { status: 'draft' }))).toEqual({
      statusCode: 409,
      code: 'INVALID_STATE',
      message: 'Not from this status.',
      details: { status: 'draft' },
    });
  });

  it('maps framework HTTP errors to the contract codes', () => {
    expect(filter.toBody(new BadRequestException('bad')).code).toBe('VALIDATION_FAILED');
  });
});
