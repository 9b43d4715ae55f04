/**
 * The secrets this process has seen, so that every log record is redacted of them.
 *
 * @module
 */

const SECRETS = new Set<string>();

/**
 * Remembers a secret (a Bakta job secret, a password) to redact from every log record the sinks of
 * `configureLogging` write. The Bakta client registers each job secret it is given or learns.
 * Strings shorter than 8 characters are ignored (they would redact ordinary words).
 *
 * @param secret The secret.
 *
 * @example Registering a secret
 * ```ts
 * import { addLogSecret, logSecrets } from "./log_secrets.ts";
 * addLogSecret("s3cr3tS3cr3tS3cr3t");
 * if (!logSecrets().includes("s3cr3tS3cr3tS3cr3t")) throw new Error("not kept");
 * ```
 */
export function addLogSecret(secret: string): void {
  if (typeof secret === "string" && secret.length >= 8) SECRETS.add(secret);
}

/**
 * The secrets registered so far.
 *
 * @returns A copy of them.
 *
 * @example Nothing is returned by reference
 * ```ts
 * import { logSecrets } from "./log_secrets.ts";
 * logSecrets().push("x");
 * if (logSecrets().includes("x")) throw new Error("leaked state");
 * ```
 */
export function logSecrets(): string[] {
  return [...SECRETS];
}
