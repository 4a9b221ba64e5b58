import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';

export class ProhibitedTermsDto {
  /** The whole list; replaces the one in force. */
  @IsArray() @ArrayMaxSize(2000) @IsString({ each: true }) @MaxLength(200, { each: true }) terms: string[];
}

export class OrgDomainsDto {
  /** The whole list of the organisation's own website domains; a link to one or a subdomain of one passes. */
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(253, { each: true }) domains: string[];
}

export class ProtectedNamesDto {
  /** Names to add or remove. Stored only as salted hashes; never returned or recorded. */
  @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) @MaxLength(200, { each: true }) names: string[];
}

export class ContentRulesView {
  prohibitedTerms: string[];
  orgDomains: string[];
  /** How many names are protected and when the list last changed; the names themselves are never shown. */
  protectedNames: ProtectedNamesSummary;
  version: number;
  updatedAt: string;
  /** What the caller may do to the rules now (API.md section 19): `edit`. */
  allowedActions: string[];
}

export class ProtectedNamesSummary {
  count: number;
  updatedAt: string | null;
}

export class ProtectedNamesCount {
  count: number;
}
