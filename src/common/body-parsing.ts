import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import { Observable } from 'rxjs';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationFailedError } from './errors/generic-errors';

export const JSON_BODY_LIMIT = '1mb';

type BodyProblem = 'too_large' | 'malformed' | 'unsupported';
interface RequestWithBodyProblem extends Request {
  bodyProblem?: BodyProblem;
}

/**
 * Parses JSON bodies but defers any parse failure until after authentication and the role check,
 * so a caller without the route's role gets 401/403 whatever the body holds.
 */
export function deferredJsonBodyParser(): RequestHandler {
  const parse = json({ limit: JSON_BODY_LIMIT, type: ['application/json', 'application/*+json'] });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if (error) {
        const status = (error as { status?: number; type?: string }).status;
        const type = (error as { type?: string }).type;
        (req as RequestWithBodyProblem).bodyProblem =
          status === 413 ? 'too_large' : status === 415 || type === 'charset.unsupported' ? 'unsupported' : 'malformed';
        req.body = {};
      }
      next();
    });
  };
}

/** Throws the deferred body failure of a request, if it has one. */
export function raiseBodyProblem(request: Request): void {
  const problem = (request as RequestWithBodyProblem).bodyProblem;
  if (problem === 'too_large') throw new PayloadTooLargeError(`The request body is over ${JSON_BODY_LIMIT}.`);
  if (problem === 'unsupported') throw new UnsupportedMediaTypeError();
  if (problem === 'malformed') {
    throw new ValidationFailedError('The request body is not valid JSON.', [{ field: 'body', problems: ['malformed JSON'] }]);
  }
}

/**
 * Raises the deferred body failure after a route's own guards, on the routes that have some (put it
 * first among their interceptors). Every other route has it raised by AccessGuard, once the access check
 * has passed: an interceptor on every route cost each request an RxJS pipeline.
 */
@Injectable()
export class BodyProblemInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    raiseBodyProblem(context.switchToHttp().getRequest<Request>());
    return next.handle();
  }
}
