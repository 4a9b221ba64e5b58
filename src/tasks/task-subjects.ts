import { TaskKind } from './task';

/** A mail subject a person understands at a glance. */
export const TASK_MAIL_SUBJECT: Record<TaskKind, string> = {
  approve_post: 'Gatehouse: a post is waiting for your approval',
  confirm_post: 'Gatehouse: a held post needs your confirmation',
  reconcile_post: 'Gatehouse: check whether a post went out',
  sign_off_dpia: 'Gatehouse: a DPIA is waiting for your sign-off',
  activate_account: 'Gatehouse: an account is ready to activate',
  give_consent: 'Gatehouse: a colleague asks for your consent to a photo',
  fix_draft: 'Gatehouse: a post of yours needs your attention',
  acknowledge_policy: 'Gatehouse: please read the social media policy',
  reconnect_account: 'Gatehouse: an account needs reconnecting',
  complete_offboarding_task: 'Gatehouse: a leaver task is waiting',
  review_dpia: 'Gatehouse: a DPIA review is due',
  review_policy: 'Gatehouse: the social media policy review is due',
  triage_concern: 'Gatehouse: a concern is waiting for triage',
  decide_breach: 'Gatehouse: a possible breach needs a decision',
};

/** What the author of a post hears, by the status it reached. */
export const AUTHOR_NEWS: Partial<Record<string, { kind: string; subject: string; title: (account: string) => string }>> = {
  published: { kind: 'post_published', subject: 'Gatehouse: your post was published', title: (account) => `Your post for ${account} was published` },
  failed: { kind: 'post_failed', subject: 'Gatehouse: your post could not be published', title: (account) => `Your post for ${account} could not be published` },
  changes_requested: { kind: 'post_changes_requested', subject: 'Gatehouse: changes were asked for on your post', title: (account) => `Changes were asked for on your post for ${account}` },
  rejected: { kind: 'post_rejected', subject: 'Gatehouse: your post was not approved', title: (account) => `Your post for ${account} was not approved` },
};
