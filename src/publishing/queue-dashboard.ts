import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AccessDecision } from '../auth/access-decision';
import { Permission } from '../auth/permissions';
import { ErrorResponseFilter } from '../common/errors/error-response.filter';
import { NotFoundError, RateLimitedError } from '../common/errors/generic-errors';
import { PublishQueue } from './publish-queue';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board over the publishing queue, for admins only (bearer token or the web app's session cookie),
 * read-only: jobs are moved by the pipeline's rules, never by hand from here.
 */
export function mountQueueDashboard(app: INestApplication): void {
  const access = app.get(AccessDecision);
  const errors = new ErrorResponseFilter();

  // The API's own decision (session re-check, the session's rate limit, the permission), not a copy of it.
  const adminOnly = async (request: Request, response: Response, next: NextFunction) => {
    try {
      await access.admit(request, { kind: 'permission', permission: Permission.QueueDashboard });
      next();
    } catch (error) {
      const body = errors.toBody(error);
      if (error instanceof RateLimitedError && error.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(error.retryAfterSeconds));
      response.status(body.statusCode).json(body);
    }
  };
  const publishQueue = app.get(PublishQueue);
  // With the sync driver (tests) there is no BullMQ queue to show.
  const dashboard: RequestHandler = publishQueue.isBullMq ? lazyDashboard(publishQueue) : (_request, response) => void response.status(404).json(errors.toBody(new NotFoundError('queue dashboard')));
  app.use(QUEUE_DASHBOARD_PATH, adminOnly, dashboard);
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
