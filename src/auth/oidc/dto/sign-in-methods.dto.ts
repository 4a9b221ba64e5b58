/** What the sign-in page may offer. (A .dto.ts file, so the OpenAPI plugin documents it.) */
export class OidcMethod {
  /** Shown as "Sign in with <name>". */
  name: string;
}

export class SignInMethods {
  /** False when GATEHOUSE_PASSWORD_LOGIN=false (only the bootstrap admin may then use a password). */
  password: boolean;
  /** Null when single sign-on is not configured. */
  oidc: OidcMethod | null;
}
