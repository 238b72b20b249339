import crypto from 'node:crypto';

/** Random bearer secrets (sessions, API tokens); only their SHA-256 is stored. */
export function newSecret(prefix = ''): string {
  return prefix + crypto.randomBytes(32).toString('base64url');
}

export function digest(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}
