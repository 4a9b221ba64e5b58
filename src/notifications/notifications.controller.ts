import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Requires } from '../auth/access.decorators';
import { Permission } from '../auth/permissions';
import { Page } from '../common/pagination';
import { NotificationListQuery } from './dto/notification.dto';
import { NotificationsService, NotificationView } from './notifications.service';

@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** What the scheduled jobs found, newest first. */
  @Requires(Permission.NotificationsRead)
  @Get()
  list(@Query() query: NotificationListQuery): Promise<Page<NotificationView>> {
    return this.notifications.list(query);
  }
}
