/** A content-check rule's name; part of the API contract (API.md section 9). */
export type RuleName =
  | 'PLATFORM_LIMIT'
  | 'NHS_NUMBER'
  | 'DATE_OF_BIRTH'
  | 'EMAIL_ADDRESS'
  | 'PHONE_NUMBER'
  | 'POSTCODE'
  | 'PROHIBITED_TERM'
  | 'PROTECTED_NAME'
  | 'LINK_DOMAIN'
  | 'SERVICE_USER_IMAGE'
  | 'RIGHTS_UNDECLARED';

export type Severity = 'block' | 'warn';

export interface Finding {
  rule: RuleName;
  severity: Severity;
  message: string;
  /** Character offsets into the text, when the finding points at a span of it. */
  start?: number;
  end?: number;
}

/** What the checks look at: a draft's content as the platform would receive it. */
export interface ContentUnderCheck {
  platform: 'facebook' | 'instagram' | 'linkedin' | 'youtube';
  text: string;
  title?: string | null;
  link?: string | null;
  media: {
    mimeType: string;
    /** Published with the image on most platforms, so it is checked like the text. */
    altText?: string | null;
    depicts: { staffIds: string[]; serviceUsers: boolean; public: boolean };
    rights?: 'own' | 'licensed' | 'permission' | null;
  }[];
}

export const blocks = (findings: Finding[]): boolean => findings.some((finding) => finding.severity === 'block');
