import { Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Patch, Post, Put, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ScimExceptionFilter } from './scim-exception.filter';
import { SCIM_CONTENT_TYPE, serviceProviderConfig, USER_SCHEMA, userResourceType, userSchema } from './scim-schemas';
import { ScimError } from './scim-errors';
import { ScimGuard } from './scim.guard';
import { ScimService } from './scim.service';
import { ScimResource } from './scim-user-mapping';

/**
 * SCIM 2.0 for identity providers (Entra ID, Okta). Public to the session guard: the SCIM guard
 * checks the provider's bearer token instead, and errors use SCIM's own body.
 */
@ApiExcludeController()
@Public()
@UseGuards(ScimGuard)
@UseFilters(ScimExceptionFilter)
@Controller('scim/v2')
export class ScimController {
  constructor(
    private readonly scim: ScimService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('ServiceProviderConfig')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  serviceProviderConfig() {
    return serviceProviderConfig(this.config.publicUrl);
  }

  @Get('ResourceTypes')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  resourceTypes() {
    return { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [userResourceType(this.config.publicUrl)] };
  }

  @Get('ResourceTypes/User')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  userResourceType() {
    return userResourceType(this.config.publicUrl);
  }

  @Get('Schemas')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  schemas() {
    return { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [userSchema(this.config.publicUrl)] };
  }

  @Get('Schemas/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  schema(@Param('id') id: string) {
    if (id !== USER_SCHEMA) throw new ScimError('not_found', undefined, 'No such schema.');
    return userSchema(this.config.publicUrl);
  }

  @Get('Users')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  list(@Query('filter') filter?: string, @Query('startIndex') startIndex?: string, @Query('count') count?: string) {
    return this.scim.list(filter, startIndex, count);
  }

  @Get('Users/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  get(@Param('id', UuidParamPipe) id: string): Promise<ScimResource> {
    return this.scim.get(id);
  }

  @Post('Users')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  async create(@Body() body: Record<string, unknown>, @Res({ passthrough: true }) response: Response): Promise<ScimResource> {
    const user = await this.scim.create(body ?? {});
    response.status(201).setHeader('Location', (user.meta as { location: string }).location);
    return user;
  }

  @Put('Users/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  replace(@Param('id', UuidParamPipe) id: string, @Body() body: Record<string, unknown>): Promise<ScimResource> {
    return this.scim.replace(id, body ?? {});
  }

  @Patch('Users/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  patch(@Param('id', UuidParamPipe) id: string, @Body() body: Record<string, unknown>): Promise<ScimResource> {
    return this.scim.patch(id, body ?? {});
  }

  @Delete('Users/:id')
  @HttpCode(204)
  remove(@Param('id', UuidParamPipe) id: string): Promise<void> {
    return this.scim.remove(id);
  }
}
