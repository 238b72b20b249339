import { hash, verify } from '@node-rs/argon2';

export { passwordProblem } from '../../domain/shared/password-rules.js';

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommendation)
export const hashPassword = (password: string) => hash(password);
export const verifyPassword = (stored: string, password: string) => verify(stored, password).catch(() => false);
