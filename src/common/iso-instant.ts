import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';

/**
 * The one accepted spelling of an instant: `YYYY-MM-DDTHH:MM:SS(.sss)?Z`. class-validator's IsISO8601
 * also passes week dates, basic format and comma fractions, which `Date` then cannot parse.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

/** The instant a strictly written UTC timestamp names, or null when it names none (30 February, 24:00, ...). */
export function parseIsoInstant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = INSTANT.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const ms = Number((match[7] ?? '0').padEnd(3, '0'));
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  // Date.UTC rolls 30 February over into March and treats years below 100 as 19xx: a round trip catches both.
  date.setUTCFullYear(year);
  const roundTrip =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return roundTrip ? date : null;
}

/**
 * A UTC instant field. Accepted values are rewritten to the fixed-width form instants are stored in
 * (`toISOString()`), so string order stays time order; anything else is a validation failure naming the field.
 */
export function IsIsoInstant(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    Transform(({ value }) => parseIsoInstant(value)?.toISOString() ?? value)(target, propertyName);
    registerDecorator({
      name: 'isIsoInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must be a UTC instant written YYYY-MM-DDTHH:MM:SS(.sss)Z`, ...options },
      validator: { validate: (value: unknown) => parseIsoInstant(value) !== null },
    });
  };
}
