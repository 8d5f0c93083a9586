// Checks a request to POST /slack/events before Bolt sees it: what Bolt does not check, and what is cheaper to
// refuse before a body is read. Bolt verifies the signature and refuses stale timestamps; it accepts timestamps in
// the future, runs a replayed request again, and buffers up to 4 MB of an unsigned body first (issue 14).
//
// Here, in order: signature headers present and the timestamp within 5 minutes either way (no body read yet);
// Content-Length within the limit; the body read with the limit; the HMAC checked; the signature recorded in the
// store, so a replay is dropped on every replica. The buffered body is handed on as `rawBody`, which Bolt reuses.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { withDeadline } from '../../core/deadline.ts';

/** Slack signs requests with a timestamp and rejects those more than 5 minutes old; we also reject the future. */
const SLACK_TIMESTAMP_TOLERANCE_SECONDS = 300;
/**
 * The largest body accepted. Slack's biggest payloads (block_actions carrying a full 50-block message, view
 * submissions) stay well under 1 MB; Bolt's default is 4 MB.
 */
export const SLACK_BODY_LIMIT_BYTES = 1024 * 1024;
/** How long the replay check may wait for the store before letting the request through (logged). */
const REPLAY_CHECK_DEADLINE_MS = 500;

export interface SlackRequestGuardOptions {
  signingSecret: string;
  now: () => Date;
  /** True when the signature is new (see SeenSignatureRepository.firstSighting). */
  firstSighting: (signature: string, expiresAt: Date, now: Date) => Promise<boolean>;
  /** Called when the replay check could not be made in time; the request is then handled. */
  onReplayCheckFailed?: (error: unknown) => void;
  bodyLimitBytes?: number;
}

export type GuardResult = { ok: true; body: Buffer } | { ok: false; status: number; reason: string };

export async function guardSlackRequest(req: IncomingMessage, options: SlackRequestGuardOptions): Promise<GuardResult> {
  const limit = options.bodyLimitBytes ?? SLACK_BODY_LIMIT_BYTES;
  const signature = header(req, 'x-slack-signature');
  const timestampText = header(req, 'x-slack-request-timestamp');
  // Slack's ssl_check carries no signature; Bolt answers it (and strips any payload) itself.
  if (!signature || !timestampText) return { ok: false, status: 401, reason: 'missing signature headers' };
  const timestamp = Number(timestampText);
  const now = options.now();
  if (!Number.isInteger(timestamp) || Math.abs(now.getTime() / 1000 - timestamp) > SLACK_TIMESTAMP_TOLERANCE_SECONDS) {
    return { ok: false, status: 401, reason: 'request timestamp outside the 5-minute window' };
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, status: 413, reason: 'body too large' };
  const body = await readLimited(req, limit);
  if (!body) return { ok: false, status: 413, reason: 'body too large' };
  if (!signatureMatches(options.signingSecret, timestamp, body, signature)) return { ok: false, status: 401, reason: 'invalid signature' };

  const expiresAt = new Date((timestamp + SLACK_TIMESTAMP_TOLERANCE_SECONDS + 60) * 1000);
  try {
    const first = await withDeadline(options.firstSighting(signature, expiresAt, now), REPLAY_CHECK_DEADLINE_MS, 'the replay check');
    // 200, not an error: if Slack itself ever resent an identical request, an error would only make it retry.
    if (!first) return { ok: false, status: 200, reason: 'replayed request dropped' };
  } catch (error) {
    // A database that does not answer must not stop every request; the signature and window checks still held.
    options.onReplayCheckFailed?.(error);
  }
  return { ok: true, body };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function signatureMatches(secret: string, timestamp: number, body: Buffer, signature: string): boolean {
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
