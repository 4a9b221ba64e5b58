export const ROLES = ['staff', 'manager', 'admin', 'dpo', 'safeguarding_lead'] as const;
export type Role = (typeof ROLES)[number];
