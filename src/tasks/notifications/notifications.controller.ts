import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, SignedIn } from '../../auth/access.decorators';
import { Caller } from '../../auth/caller';
import { Page } from '../../common/pagination';
import { NotificationListQuery } from './dto/notification.dto';
import { NotificationsService, NotificationView } from './notifications.service';

@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** What was sent to the caller, and for managers and admins what the scheduled jobs found; newest first. */
  @SignedIn()
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: NotificationListQuery): Promise<Page<NotificationView>> {
    return this.notifications.list(caller, query);
  }
}
