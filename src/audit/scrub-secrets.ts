const SECRET_KEY = /(password|passwd|secret|token|credential|authorization|cookie|apikey|api_key|privatekey)/i;

/** Audit details are for people to read later; anything that looks like a secret never goes in. */
export function scrubSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrubSecrets);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !SECRET_KEY.test(key))
        .map(([key, inner]) => [key, scrubSecrets(inner)]),
    );
  }
  return value;
}
