import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import { Request } from 'express';
import { map, Observable } from 'rxjs';
import { Readable } from 'stream';

/**
 * On the routes that stream files (the others need not pay for an interceptor). Express answers HEAD through the GET handler and drops the body, so a streamed file (a video may be 512 MiB)
 * would still be read to the end for nothing. The file is closed unread and the same headers go out.
 */
@Injectable()
export class HeadWithoutBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || context.switchToHttp().getRequest<Request>().method !== 'HEAD') return next.handle();
    return next.handle().pipe(
      map((result) => {
        if (!(result instanceof StreamableFile)) return result;
        result.getStream().destroy();
        const { type, length, disposition } = result.getHeaders();
        return new StreamableFile(Readable.from([]), { type, length, disposition });
      }),
    );
  }
}
