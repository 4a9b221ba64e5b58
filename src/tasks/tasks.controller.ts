import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, SignedIn } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { PreferencesDto, PreferencesResponse, TaskList } from './dto/preferences.dto';
import { PreferencesService } from './preferences.service';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@Controller('api/v1/me')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly preferences: PreferencesService,
  ) {}

  /** What waits on the caller now, oldest first. */
  @SignedIn()
  @Get('tasks')
  list(@CurrentCaller() caller: Caller): Promise<TaskList> {
    return this.tasks.waitingOn(caller);
  }

  @SignedIn()
  @Get('notification-preferences')
  getPreferences(@CurrentCaller() caller: Caller): Promise<PreferencesResponse> {
    return this.preferences.get(caller);
  }

  @SignedIn()
  @Put('notification-preferences')
  setPreferences(@CurrentCaller() caller: Caller, @Body() body: PreferencesDto): Promise<PreferencesResponse> {
    return this.preferences.set(caller, body.email);
  }
}
