import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Public, Requires } from '../access.decorators';
import { Caller } from '../caller';
import { Permission } from '../permissions';
import { UuidParamPipe } from '../../common/uuid-param.pipe';
import { PasswordResetConfirmDto, PasswordResetRequestDto } from './password-reset.dto';
import { PasswordResetService } from './password-reset.service';

@ApiTags('auth')
@Controller('api/v1')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  /** 202 whatever the address: an active colleague gets a link valid 30 minutes. */
  @Public()
  @Post('auth/password-reset')
  @HttpCode(202)
  async request(@Body() body: PasswordResetRequestDto): Promise<void> {
    await this.resets.request(body.email);
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  async confirm(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.resets.confirm(body.token, body.newPassword);
  }

  /** The same email, sent by an admin (a SCIM user's first password). */
  @Requires(Permission.StaffPasswordReset)
  @Post('staff/:id/password-reset')
  @HttpCode(202)
  async sendFor(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<void> {
    await this.resets.sendFor(caller, id);
  }
}
