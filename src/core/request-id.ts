// Short ids that follow one invocation through the logs and that users can quote in a bug report.
import { randomBytes } from 'node:crypto';

export function newRequestId(): string {
  return randomBytes(6).toString('base64url');
}
