import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorKind } from '../common/errors/domain-error';
import { STATUS_BY_KIND as APP_STATUS_BY_KIND } from '../common/errors/error-response.filter';
import { ScimError, ScimType } from './scim-errors';
import { SCIM_CONTENT_TYPE, SCIM_ERROR_SCHEMA } from './scim-schemas';

/** The app's statuses, but RFC 7644 has no 422: SCIM answers a request it cannot process with 400. */
const STATUS_BY_KIND: Record<ErrorKind, number> = { ...APP_STATUS_BY_KIND, unprocessable: 400 };

/** RFC 7644 section 3.12 error bodies for the SCIM routes, instead of the app's own error format. */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Scim');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const { status, detail, scimType } = this.describe(exception);
    const body: Record<string, unknown> = { schemas: [SCIM_ERROR_SCHEMA], status: String(status), detail };
    if (scimType) body.scimType = scimType;
    if (status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="gatehouse-scim"');
    response.status(status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private describe(exception: unknown): { status: number; detail: string; scimType?: ScimType } {
    if (exception instanceof ScimError) return { status: STATUS_BY_KIND[exception.kind], detail: exception.message, scimType: exception.scimType };
    if (exception instanceof DomainError) {
      const status = STATUS_BY_KIND[exception.kind];
      const scimType: ScimType | undefined = exception.code === 'EMAIL_TAKEN' ? 'uniqueness' : exception.kind === 'validation' ? 'invalidValue' : undefined;
      return { status, detail: exception.message, scimType };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus() === 405 ? 404 : exception.getStatus();
      return { status, detail: status === 404 ? 'No such resource.' : exception.message };
    }
    this.logger.error({ err: exception }, 'Unhandled SCIM error');
    return { status: 500, detail: 'Something went wrong on our side.' };
  }
}
