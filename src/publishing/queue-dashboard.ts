import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Permission, rolesGrant } from '../auth/permissions';
import { SessionCheck } from '../auth/session-check';
import { ErrorResponseFilter } from '../common/errors/error-response.filter';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/generic-errors';
import { readCookies, SESSION_COOKIE } from '../web/cookies';
import { PublishQueue } from './publish-queue';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board over the publishing queue, for admins only (bearer token or the web app's session cookie),
 * read-only: jobs are moved by the pipeline's rules, never by hand from here.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const sessions = app.get(SessionCheck);
  const errors = new ErrorResponseFilter();

  const adminOnly = async (request: Request, response: Response, next: NextFunction) => {
    try {
      const header = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      const token = header?.[1] ?? readCookies(request)[SESSION_COOKIE];
      if (!token) throw new UnauthenticatedError();
      const caller = await sessions.callerFor(token);
      if (!rolesGrant(caller.roles, Permission.QueueDashboard)) throw new ForbiddenError();
      next();
    } catch (error) {
      const body = errors.toBody(error);
      response.status(body.statusCode).json(body);
    }
  };
  app.use(QUEUE_DASHBOARD_PATH, adminOnly, lazyDashboard(app.get(PublishQueue)));
}

/** Bull Board is loaded on an admin's first visit: few processes are ever asked for it, and it is large. */
function lazyDashboard(publishQueue: PublishQueue): RequestHandler {
  let router: Promise<RequestHandler> | null = null;
  const build = async (): Promise<RequestHandler> => {
    const [{ createBullBoard }, { BullMQAdapter }, { ExpressAdapter }] = await Promise.all([
      import('@bull-board/api'),
      import('@bull-board/api/bullMQAdapter'),
      import('@bull-board/express'),
    ]);
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({ queues: [new BullMQAdapter(publishQueue.queue, { readOnlyMode: true })], serverAdapter });
    return serverAdapter.getRouter() as RequestHandler;
  };
  return (request, response, next) => {
    router ??= build().catch((error: unknown) => {
      router = null;
      throw error;
    });
    router.then((handler) => handler(request, response, next), next);
  };
}
