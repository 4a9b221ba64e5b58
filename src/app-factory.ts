import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { deferredJsonBodyParser } from './common/body-parsing';
import { securityHeaders } from './common/security-headers';
import { AppConfig } from './common/config/app-config';
import { requestLog } from './logging';
import { mountQueueDashboard } from './publishing/queue-dashboard';
import { webAppMiddleware } from './auth/web/static-app';

/** Builds the whole application; main.ts and the integration tests both start it from here. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), new ExpressAdapter(), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.use(securityHeaders());
  const logRequests = requestLog((await app.resolve(PinoLogger)).logger);
  if (logRequests) app.use(logRequests);
  app.use(deferredJsonBodyParser());
  // The web app at / (static files, index.html for client routes); API paths pass through untouched.
  mountQueueDashboard(app);
  app.use(webAppMiddleware());
  app.enableShutdownHooks();

  // Built on the first request for it: the document is large and most processes never serve it.
  const document = () =>
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Gatehouse API')
        .setDescription('Governance for a care provider’s corporate social media accounts.')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
