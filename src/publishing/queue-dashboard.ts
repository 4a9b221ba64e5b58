import { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NextFunction, Request, Response } from 'express';
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
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: [new BullMQAdapter(app.get(PublishQueue).queue, { readOnlyMode: true })], serverAdapter });
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
  app.use(QUEUE_DASHBOARD_PATH, adminOnly, serverAdapter.getRouter());
}
