import { ValidateIf } from 'class-validator';

/**
 * The field may be left out; when present it is validated, and null is refused. (IsOptional also
 * lets null through, which then reaches rules that expect a value.) Fields where null means "clear"
 * say so with their own ValidateIf.
 */
export function MayOmit(): PropertyDecorator {
  return ValidateIf((_, value) => value !== undefined);
}
