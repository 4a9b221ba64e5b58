import { Inject, Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { Caller } from '../auth/caller';
import { ValidationFailedError } from '../common/errors/generic-errors';
import { ContentCheckRunner } from './content-check-runner';
import { ContentCheckDto, ContentCheckResultDto } from './dto/content-check.dto';
import { ContentUnderCheck } from './finding';
import { MEDIA_TYPE_LOOKUP, MediaTypeLookup } from './media-type-lookup';

/** Answers "what would the checks say about this post?" without storing anything. */
@Injectable()
export class ContentChecksService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly checker: ContentCheckRunner,
    // Bound by the media module (it owns the media table).
    @Inject(MEDIA_TYPE_LOOKUP) private readonly mediaTypes: MediaTypeLookup,
  ) {}

  async check(caller: Caller, dto: ContentCheckDto): Promise<ContentCheckResultDto> {
    const account = await this.accounts.requireVisible(caller, dto.accountId);
    // UUIDs are case-insensitive; ids are stored in lower case.
    const media = (dto.media ?? []).map((item) => ({ ...item, mediaId: item.mediaId.toLowerCase() }));
    const types = media.length === 0 ? new Map<string, string>() : await this.mediaTypes.mimeTypesOf(caller, media.map((item) => item.mediaId));
    const unknown = media.map((item, index) => ({ item, index })).filter(({ item }) => !types.has(item.mediaId));
    if (unknown.length > 0) {
      throw new ValidationFailedError(
        'Each media item must be one you uploaded. Upload it first.',
        unknown.map(({ index }) => ({ field: `media.${index}.mediaId`, problems: ['is not an uploaded media item you may use'] })),
      );
    }
    const content: ContentUnderCheck = {
      platform: account.platform,
      text: dto.text,
      title: dto.title ?? null,
      link: dto.link ?? null,
      media: media.map((item) => ({
        mimeType: types.get(item.mediaId)!,
        altText: item.altText,
        depicts: { staffIds: item.depicts.staffIds, serviceUsers: item.depicts.serviceUsers, public: item.depicts.public },
        rights: item.rights ?? null,
      })),
    };
    return { findings: await this.checker.check(content) };
  }
}
