import { DomainError, ErrorKind } from '../common/errors/domain-error';

export type ScimType = 'invalidFilter' | 'invalidSyntax' | 'invalidValue' | 'invalidPath' | 'noTarget' | 'mutability' | 'uniqueness' | 'tooMany';

/** A SCIM refusal that carries RFC 7644's scimType. */
export class ScimError extends DomainError {
  readonly code = 'SCIM_ERROR';
  constructor(
    readonly kind: ErrorKind,
    readonly scimType: ScimType | undefined,
    message: string,
  ) {
    super(message);
  }
}

export const invalidValue = (message: string) => new ScimError('validation', 'invalidValue', message);
