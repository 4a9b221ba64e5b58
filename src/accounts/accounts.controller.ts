import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, Requires, SignedIn } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { AccountsService } from './accounts.service';
import { AccountPage, AccountResponse } from './dto/account-response.dto';
import { UseConnectionDto } from '../connections/dto/connection.dto';
import { AccountListQuery, AddPlatformAdminDto, CreateAccountDto, PutCredentialsDto, ReasonDto, UpdateAccountDto } from './dto/account.dto';

@ApiTags('accounts')
@Controller('api/v1/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  /** Created pending_dpia: nothing publishes until a DPIA is signed off and the account activated. */
  @Requires(Permission.AccountCreate)
  @Post()
  create(@CurrentCaller() caller: Caller, @Body() body: CreateAccountDto): Promise<AccountResponse> {
    return this.accounts.create(caller, body);
  }

  /** Admins, managers and the DPO see all; other staff those they are currently authorised on. */
  @SignedIn()
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: AccountListQuery): Promise<AccountPage> {
    return this.accounts.list(caller, query);
  }

  @SignedIn()
  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<AccountResponse> {
    return this.accounts.get(caller, id);
  }

  @Requires(Permission.AccountUpdate)
  @Patch(':id')
  update(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: UpdateAccountDto): Promise<AccountResponse> {
    return this.accounts.update(caller, id, body);
  }

  /** Replaces the platform credentials (encrypted at rest, never returned). */
  @Requires(Permission.AccountCredentials)
  @Put(':id/credentials')
  @HttpCode(204)
  putCredentials(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: PutCredentialsDto): Promise<void> {
    return this.accounts.putCredentials(caller, id, body);
  }

  /** Takes the token of an authorised connection (API.md section 15); 409 ACCOUNT_NOT_GRANTED when that login does not manage the account. */
  @Requires(Permission.AccountReconnect)
  @Post(':id/connect')
  @HttpCode(200)
  connect(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: UseConnectionDto): Promise<AccountResponse> {
    return this.accounts.connect(caller, id, body);
  }

  /** Records who holds an admin role on the platform itself; 201 when added, 200 when already listed. */
  @Requires(Permission.AccountPlatformAdmins)
  @Post(':id/platform-admins')
  async addPlatformAdmin(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidParamPipe) id: string,
    @Body() body: AddPlatformAdminDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AccountResponse> {
    const { account, created } = await this.accounts.addPlatformAdmin(caller, id, body);
    response.status(created ? 201 : 200);
    return account;
  }

  @Requires(Permission.AccountPlatformAdminRemove)
  @Delete(':id/platform-admins/:staffId')
  @HttpCode(204)
  removePlatformAdmin(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Param('staffId', UuidParamPipe) staffId: string): Promise<void> {
    return this.accounts.removePlatformAdmin(caller, id, staffId);
  }

  /** 409 DPIA_NOT_APPROVED, CREDENTIALS_MISSING (live mode), ACCOUNT_CLOSED. */
  @Requires(Permission.AccountStatus)
  @Post(':id/activate')
  @HttpCode(200)
  activate(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<AccountResponse> {
    return this.accounts.activate(caller, id);
  }

  /** Nothing publishes from it until it is activated again. */
  @Requires(Permission.AccountSuspend)
  @Post(':id/suspend')
  @HttpCode(200)
  suspend(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: ReasonDto): Promise<AccountResponse> {
    return this.accounts.suspend(caller, id, body);
  }

  /** Final: revokes its authorisations and withdraws its unpublished drafts. */
  @Requires(Permission.AccountClose)
  @Post(':id/close')
  @HttpCode(200)
  close(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: ReasonDto): Promise<AccountResponse> {
    return this.accounts.close(caller, id, body);
  }
}
