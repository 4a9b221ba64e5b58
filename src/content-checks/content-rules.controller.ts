import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller, Requires } from '../auth/access.decorators';
import { Caller } from '../auth/caller';
import { Permission } from '../auth/permissions';
import { ContentRulesView, OrgDomainsDto, ProhibitedTermsDto, ProtectedNamesCount, ProtectedNamesDto } from './dto/content-rules.dto';
import { ContentRulesService } from './rules-store/content-rules.service';

@ApiTags('content rules')
@Controller('api/v1/content-rules')
export class ContentRulesController {
  constructor(private readonly rules: ContentRulesService) {}

  /** The rules in force; protected names only as a count. */
  @Requires(Permission.ContentRulesRead)
  @Get()
  view(@CurrentCaller() caller: Caller): Promise<ContentRulesView> {
    return this.rules.view(caller);
  }

  @Requires(Permission.ContentRulesEdit)
  @Put('prohibited-terms')
  setProhibitedTerms(@CurrentCaller() caller: Caller, @Body() body: ProhibitedTermsDto): Promise<ContentRulesView> {
    return this.rules.setProhibitedTerms(caller, body.terms);
  }

  @Requires(Permission.ContentRulesEdit)
  @Put('org-domains')
  setOrgDomains(@CurrentCaller() caller: Caller, @Body() body: OrgDomainsDto): Promise<ContentRulesView> {
    return this.rules.setOrgDomains(caller, body.domains);
  }

  @Requires(Permission.ContentRulesEdit)
  @Post('protected-names')
  @HttpCode(200)
  addProtectedNames(@CurrentCaller() caller: Caller, @Body() body: ProtectedNamesDto): Promise<ProtectedNamesCount> {
    return this.rules.addProtectedNames(caller, body.names);
  }

  @Requires(Permission.ContentRulesEdit)
  @Post('protected-names/remove')
  @HttpCode(200)
  removeProtectedNames(@CurrentCaller() caller: Caller, @Body() body: ProtectedNamesDto): Promise<ProtectedNamesCount> {
    return this.rules.removeProtectedNames(caller, body.names);
  }
}
