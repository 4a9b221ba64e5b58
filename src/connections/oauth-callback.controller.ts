import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators';
import { CONTENT_SECURITY_POLICY } from '../auth/web/static-app';
import { badStatePage } from './callback-page';
import { ConnectionsService } from './connections.service';

/** Where the platform sends the admin's browser after consent; no bearer, the single-use state is what binds it. */
@ApiExcludeController()
@Controller('oauth')
export class OAuthCallbackController {
  constructor(private readonly connections: ConnectionsService) {}

  @Public()
  @Get('callback')
  async callback(@Query() query: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const answer = await this.connections.callback(query);
    // The address carried the code: it must not travel on to the next page as a Referer.
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cache-Control', 'no-store');
    if (answer.kind === 'redirect') {
      response.redirect(302, `/connections/${answer.connectionId}`);
      return;
    }
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.status(400).type('html').send(badStatePage(answer.reason));
  }
}
