import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Requires, SignedIn } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { Page } from '../common/pagination';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateStaffDto, StaffListQuery, UpdateStaffDto } from './dto/staff.dto';
import { StaffService } from './staff.service';
import { StaffView } from './staff.view';
import { ColleagueList } from './dto/colleague.dto';

@ApiTags('staff')
@Controller('api/v1/staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Requires(Permission.StaffCreate)
  @Post()
  create(@CurrentCaller() caller: Caller, @Body() body: CreateStaffDto): Promise<StaffView> {
    return this.staff.create(caller, body);
  }

  @Requires(Permission.StaffList)
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: StaffListQuery): Promise<Page<StaffView>> {
    return this.staff.list(caller, query);
  }

  /** Every signed-in member of staff: names of active colleagues, no emails or roles. */
  @SignedIn()
  @Get('directory')
  directory(): Promise<ColleagueList> {
    return this.staff.directory();
  }

  /** Admins, managers, or the person themselves. */
  @SignedIn()
  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<StaffView> {
    return this.staff.get(caller, id);
  }

  @Requires(Permission.StaffUpdate)
  @Patch(':id')
  update(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: UpdateStaffDto): Promise<StaffView> {
    return this.staff.update(caller, id, body);
  }
}
