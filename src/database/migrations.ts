import { Foundation1763900000000 } from './migrations/1763900000000-foundation';
import { Governance1763900001000 } from './migrations/1763900001000-governance';
import { Drafts1763900002000 } from './migrations/1763900002000-drafts';
import { Leavers1763900003000 } from './migrations/1763900003000-leavers';
import { Publishing1763900004000 } from './migrations/1763900004000-publishing';
import { DpiaContributors1764000400000 } from './migrations/1764000400000-dpia-contributors';
import { TasksAndMail1764000900000 } from './migrations/1764000900000-tasks-and-mail';

/** Every migration in order; each one works on SQLite and PostgreSQL. */
export const MIGRATIONS = [Foundation1763900000000, Governance1763900001000, Drafts1763900002000, Leavers1763900003000, Publishing1763900004000, DpiaContributors1764000400000, TasksAndMail1764000900000];
