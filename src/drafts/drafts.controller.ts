import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Query, StreamableFile, UseInterceptors } from '@nestjs/common';
import { HeadWithoutBodyInterceptor } from '../common/head-without-body.interceptor';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, SignedIn } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { DraftEventPage, DraftPage, DraftResponse } from './dto/draft-response.dto';
import { DraftsService } from './drafts.service';
import { DraftMediaFiles } from './draft-media-files';
import { CreateDraftDto, DraftHistoryQuery, DraftListQuery, UpdateDraftDto } from './dto/draft.dto';

@ApiTags('drafts')
@Controller('api/v1/drafts')
export class DraftsController {
  constructor(
    private readonly drafts: DraftsService,
    private readonly mediaFiles: DraftMediaFiles,
  ) {}

  /** Start a draft for an account you are authorised on (status `draft`). */
  @SignedIn()
  @Post()
  create(@CurrentCaller() caller: Caller, @Body() body: CreateDraftDto): Promise<DraftResponse> {
    return this.drafts.create(caller, body);
  }

  /** Drafts you may see, newest first. */
  @SignedIn()
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: DraftListQuery): Promise<DraftPage> {
    return this.drafts.list(caller, query);
  }

  @SignedIn()
  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<DraftResponse> {
    return this.drafts.get(caller, id);
  }

  /** The bytes of a photo or video attached to the draft, for anyone who may see the draft. */
  @SignedIn()
  @Get(':id/media/:mediaId')
  @UseInterceptors(HeadWithoutBodyInterceptor)
  @ApiProduces('image/jpeg', 'image/png', 'video/mp4', 'video/quicktime')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @Header('Cache-Control', 'private, max-age=300')
  @Header('Content-Disposition', 'inline')
  @Header('X-Content-Type-Options', 'nosniff')
  async media(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Param('mediaId', UuidParamPipe) mediaId: string): Promise<StreamableFile> {
    const file = await this.mediaFiles.open(caller, id, mediaId);
    return new StreamableFile(file.stream, { type: file.mimeType, length: file.bytes });
  }

  /** Owner only: writes a new revision, returns the draft to `draft` and voids any approval. */
  @SignedIn()
  @Patch(':id')
  edit(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Body() body: UpdateDraftDto): Promise<DraftResponse> {
    return this.drafts.edit(caller, id, body);
  }

  /** Owner only: into the approval queue; 422 CONTENT_CHECK_FAILED when a check blocks. */
  @SignedIn()
  @HttpCode(200)
  @Post(':id/submit')
  submit(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<DraftResponse> {
    return this.drafts.submit(caller, id);
  }

  /** Owner or manager. */
  @SignedIn()
  @HttpCode(200)
  @Post(':id/withdraw')
  withdraw(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string): Promise<DraftResponse> {
    return this.drafts.withdraw(caller, id);
  }

  /** Every event in order: who, when, what, which revision. */
  @SignedIn()
  @Get(':id/history')
  history(@CurrentCaller() caller: Caller, @Param('id', UuidParamPipe) id: string, @Query() query: DraftHistoryQuery): Promise<DraftEventPage> {
    return this.drafts.historyOf(caller, id, query);
  }
}
