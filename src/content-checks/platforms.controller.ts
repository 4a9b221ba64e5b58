import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SignedIn } from '../auth/access.decorators';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { PlatformListDto } from './dto/platforms.dto';
import { platformLimits } from './platform-limits';

@ApiTags('content checks')
@Controller('api/v1/platforms')
export class PlatformsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Each platform's limits as the content checks enforce them, and the upload limits: what the web app counts as the person types. */
  @SignedIn()
  @Get()
  @ApiOkResponse({ type: PlatformListDto })
  list(): PlatformListDto {
    return platformLimits(this.config);
  }
}
