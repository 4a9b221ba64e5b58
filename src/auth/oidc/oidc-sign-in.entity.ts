import { Entity } from 'typeorm';
import { IdColumn, InstantColumn, StringColumn } from '../../common/database/entity-columns';

/** One sign-in through the OpenID provider, from the redirect to the callback; used once. */
@Entity('oidc_sign_ins')
export class OidcSignIn {
  @IdColumn() id: string;
  /** SHA-256 of the `state` sent to the provider. */
  @StringColumn(64) stateHash: string;
  /** SHA-256 of the cookie that ties the callback to the browser that started the sign-in. */
  @StringColumn(64) browserHash: string;
  @StringColumn(100) nonce: string;
  @StringColumn(100) codeVerifier: string;
  @InstantColumn() createdAt: string;
  @InstantColumn() expiresAt: string;
  @InstantColumn(true) usedAt: string | null;
}
