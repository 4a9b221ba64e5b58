import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ValidationFailedError } from './errors/generic-errors';

/** Deeper than any request the API defines; class-transformer recurses, so depth is bounded before it runs. */
export const MAX_INPUT_DEPTH = 32;

// A NUL byte cannot be stored in PostgreSQL text; a lone surrogate is no character and cannot be encoded as UTF-8.
const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

interface InputProblem {
  field: string;
  problem: string;
}

function textProblem(text: string): string | null {
  if (NUL.test(text)) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains a lone surrogate (not Unicode text)';
  return null;
}

/** The first thing in `value` no rule can handle, walked without recursion so depth cannot overflow the stack. */
export function findInputProblem(value: unknown, root: string): InputProblem | null {
  const pending: { value: unknown; field: string; depth: number }[] = [{ value, field: root, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, field, depth } = pending.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { field, problem };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { field, problem: `is nested more than ${MAX_INPUT_DEPTH} levels deep` };
    for (const [key, child] of Object.entries(current)) {
      const childField = field === '' ? key : `${field}.${key}`;
      const keyProblem = textProblem(key);
      if (keyProblem) return { field: childField, problem: `has a name that ${keyProblem}` };
      pending.push({ value: child, field: childField, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * The one place that refuses text no rule can hold, in every body, query and path parameter, before
 * validation: NUL bytes, lone surrogates and nesting deeper than MAX_INPUT_DEPTH. Being a pipe, it runs
 * after authentication and the role check, like every other refusal of a body.
 */
@Injectable()
export class UntrustedInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const found = findInputProblem(value, metadata.data ?? '');
    if (found) {
      const field = found.field === '' ? metadata.type : found.field;
      throw new ValidationFailedError(`Check this field: ${field}.`, [{ field, problems: [found.problem] }]);
    }
    return value;
  }
}
