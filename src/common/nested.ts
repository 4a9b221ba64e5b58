import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateNested } from 'class-validator';

type Constructor = new () => object;

/**
 * A nested object that must be present and an object. ValidateNested alone lets a missing value or an
 * array through, and the rule then reads fields of nothing.
 */
export function NestedObject(type: () => Constructor): PropertyDecorator {
  return applyDecorators(IsObject(), ValidateNested(), Type(type));
}

/** An array of nested objects: each item must be an object (not null, not an array) and valid. */
export function NestedArray(type: () => Constructor): PropertyDecorator {
  return applyDecorators(IsArray(), IsObject({ each: true }), ValidateNested({ each: true }), Type(type));
}
