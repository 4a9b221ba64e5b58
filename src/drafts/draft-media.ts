/** One attachment of a revision as the author declared it (API.md section 9). */
export interface DraftMedia {
  mediaId: string;
  altText: string;
  depicts: { staffIds: string[]; serviceUsers: boolean; public: boolean };
  rights: 'own' | 'licensed' | 'permission' | null;
  rightsReference?: string | null;
}

export const RIGHTS = ['own', 'licensed', 'permission'] as const;
