import { Foundation1763900000000 } from './migrations/1763900000000-foundation';
import { Governance1763900001000 } from './migrations/1763900001000-governance';
import { Drafts1763900002000 } from './migrations/1763900002000-drafts';
import { Leavers1763900003000 } from './migrations/1763900003000-leavers';
import { Publishing1763900004000 } from './migrations/1763900004000-publishing';
import { AuditSignatures1764000300000 } from './migrations/1764000300000-audit-signatures';
import { DpiaContributors1764000400000 } from './migrations/1764000400000-dpia-contributors';
import { ContentRules1764000500000 } from './migrations/1764000500000-content-rules';
import { KeysetIndexes1764000600000 } from './migrations/1764000600000-keyset-indexes';
import { ScimReprovisioning1764000700000 } from './migrations/1764000700000-scim-reprovisioning';
import { OidcSignIn1764000701000 } from './migrations/1764000701000-oidc-sign-in';
import { Connections1764000800000 } from './migrations/1764000800000-connections';
import { TasksAndMail1764000900000 } from './migrations/1764000900000-tasks-and-mail';
import { Concerns1764001000000 } from './migrations/1764001000000-concerns';

/** Every migration in order; each one works on SQLite and PostgreSQL. */
export const MIGRATIONS = [
  Foundation1763900000000,
  Governance1763900001000,
  Drafts1763900002000,
  Leavers1763900003000,
  Publishing1763900004000,
  AuditSignatures1764000300000,
  DpiaContributors1764000400000,
  ContentRules1764000500000,
  KeysetIndexes1764000600000,
  ScimReprovisioning1764000700000,
  OidcSignIn1764000701000,
  Connections1764000800000,
  TasksAndMail1764000900000,
  Concerns1764001000000,
];
