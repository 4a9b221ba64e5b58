/** The form emails are compared in (case-insensitively, API.md section 4): one rule for sign-in, lockout, reset, SCIM and SSO. */
export const emailKeyOf = (email: string): string => email.trim().toLowerCase();
