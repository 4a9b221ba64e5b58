/** The page a browser gets when the platform sent it back with a state Gatehouse cannot use. */
const REASONS = {
  unknown: 'This sign-in link is not one Gatehouse started, or it is incomplete.',
  used: 'This sign-in has already been completed: each one works once.',
  expired: 'This sign-in took longer than 15 minutes and has expired.',
} as const;

export type BadStateReason = keyof typeof REASONS;

export function badStatePage(reason: BadStateReason): string {
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign-in not completed – Gatehouse</title><link rel="stylesheet" href="/app.css"></head>
<body><main id="main"><h1>Sign-in not completed</h1><p>${REASONS[reason]}</p><p>Nothing was changed. Go back to <a href="/accounts">Accounts</a> and start the connection again.</p></main></body>
</html>
`;
}
