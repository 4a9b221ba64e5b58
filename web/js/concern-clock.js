// The ICO's 72 hours in plain words, and the names of the concern kinds.
const HOUR = 3600000;

export const KIND_LABELS = {
  post: 'A post of ours',
  colleague_conduct: "A colleague's conduct online",
  content_about_us: 'Content about us seen online',
  harassment: 'Harassment or abuse',
  mistake: 'A mistake I made',
  other: 'Something else',
};

/** "ICO deadline in 31 hours", "past the ICO deadline", or what was decided. */
export function icoClock(breach, now = Date.now()) {
  if (!breach) return null;
  if (breach.decision === 'reportable') return `Reported to the ICO${breach.icoReference ? ` (reference ${breach.icoReference})` : ''}`;
  if (breach.decision === 'not_reportable') return 'Decided: not reportable to the ICO';
  const left = new Date(breach.icoDeadline).getTime() - now;
  if (left <= 0) return 'Past the ICO deadline: decide now';
  const hours = Math.floor(left / HOUR);
  if (hours < 1) return `ICO deadline in ${Math.max(1, Math.floor(left / 60000))} minutes`;
  return `ICO deadline in ${hours} hour${hours === 1 ? '' : 's'}`;
}

export const isUrgent = (breach, now = Date.now()) => Boolean(breach && breach.decision === null && new Date(breach.icoDeadline).getTime() - now < 24 * HOUR);
