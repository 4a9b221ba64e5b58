import { MailContent } from '../../tasks/mail/mail-content';

/** The reset email: the token travels in the fragment, which no server logs. */
export const resetMail = (link: string, firstPassword: boolean): MailContent => ({
  subject: firstPassword ? 'Gatehouse: set your password' : 'Gatehouse: reset your password',
  lines: [
    firstPassword ? 'An administrator asked Gatehouse to let you set your password.' : 'Someone asked to reset your Gatehouse password.',
    'The link below works once, within 30 minutes.',
    'If you did not ask for this, ignore this email: your password stays as it is.',
  ],
  link,
  linkLabel: 'Choose a new password',
});
