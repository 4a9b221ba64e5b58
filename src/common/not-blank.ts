import { registerDecorator, ValidationOptions } from 'class-validator';

// Spaces, line breaks and the invisible characters a paste can carry: text made only of these says nothing.
const BLANK = /^[\s\u200b-\u200d\u2060\u00ad]*$/u;

export function isBlank(value: string): boolean {
  return BLANK.test(value);
}

/** A name, reason or comment that says something: whitespace alone is refused (the text is stored as sent). */
export function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'notBlank',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must not be blank', ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !isBlank(value) },
    });
}
