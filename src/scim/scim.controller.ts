import { All, Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, Patch, Post, Put, Query, Res, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { BodyProblemInterceptor } from '../common/body-parsing';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/access.decorators';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { APP_CONFIG, AppConfig } from '../common/config/app-config';
import { ScimExceptionFilter } from './scim-exception.filter';
import { enterpriseSchema, groupResourceType, groupSchema, LIST_SCHEMA, SCIM_CONTENT_TYPE, serviceProviderConfig, userResourceType, userSchema } from './scim-schemas';
import { projection } from './scim-attributes';
import { ScimGroupsService } from './scim-groups.service';
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
@UseInterceptors(BodyProblemInterceptor)
@UseFilters(ScimExceptionFilter)
@Controller('scim/v2')
export class ScimController {
  constructor(
    private readonly scim: ScimService,
    private readonly groups: ScimGroupsService,
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
    const resources = [userResourceType(this.config.publicUrl), groupResourceType(this.config.publicUrl)];
    return { schemas: [LIST_SCHEMA], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
  }

  @Get('ResourceTypes/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  resourceType(@Param('id') id: string) {
    if (id === 'User') return userResourceType(this.config.publicUrl);
    if (id === 'Group') return groupResourceType(this.config.publicUrl);
    throw new ScimError('not_found', undefined, 'No such resource type.');
  }

  @Get('Schemas')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  schemas() {
    const resources = this.allSchemas();
    return { schemas: [LIST_SCHEMA], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
  }

  @Get('Schemas/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  schema(@Param('id') id: string) {
    const schema = this.allSchemas().find((known) => known.id === id);
    if (!schema) throw new ScimError('not_found', undefined, 'No such schema.');
    return schema;
  }

  private allSchemas() {
    return [userSchema(this.config.publicUrl), enterpriseSchema(this.config.publicUrl), groupSchema(this.config.publicUrl)];
  }

  @Get('Users')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  list(@Query() query: ListQuery) {
    return this.scim.list(text(query.filter), text(query.startIndex), text(query.count), projection(text(query.attributes), text(query.excludedAttributes)));
  }

  @Get('Users/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  get(@Param('id', UuidParamPipe) id: string, @Query() query: ListQuery): Promise<ScimResource> {
    return this.scim.get(id, projection(text(query.attributes), text(query.excludedAttributes)));
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

  @Get('Groups')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  listGroups(@Query() query: ListQuery) {
    return this.groups.list(text(query.filter), text(query.startIndex), text(query.count), projection(text(query.attributes), text(query.excludedAttributes)));
  }

  @Get('Groups/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  getGroup(@Param('id', UuidParamPipe) id: string, @Query() query: ListQuery): Promise<ScimResource> {
    return this.groups.get(id, projection(text(query.attributes), text(query.excludedAttributes)));
  }

  @Post('Groups')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  async createGroup(@Body() body: Record<string, unknown>, @Res({ passthrough: true }) response: Response): Promise<ScimResource> {
    const group = await this.groups.create(body ?? {});
    response.status(201).setHeader('Location', (group.meta as { location: string }).location);
    return group;
  }

  @Put('Groups/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  replaceGroup(@Param('id', UuidParamPipe) id: string, @Body() body: Record<string, unknown>): Promise<ScimResource> {
    return this.groups.replace(id, body ?? {});
  }

  @Patch('Groups/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  patchGroup(@Param('id', UuidParamPipe) id: string, @Body() body: Record<string, unknown>): Promise<ScimResource> {
    return this.groups.patch(id, body ?? {});
  }

  @Delete('Groups/:id')
  @HttpCode(204)
  removeGroup(@Param('id', UuidParamPipe) id: string): Promise<void> {
    return this.groups.remove(id);
  }

  /** Anything else under /scim/v2 is a SCIM 404, not the app's own error body. */
  @All('*path')
  unknown(): never {
    throw new ScimError('not_found', undefined, 'No such resource.');
  }
}

type ListQuery = Record<string, string | string[] | undefined>;

/** One query value; a repeated parameter counts as its first occurrence. */
const text = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
