// Posts a file's bytes to the pre-signed upload URL Slack returns from files.getUploadURLExternal (step two of the
// files.uploadV2 flow), writing the caller's Buffer to the socket as it is.
//
// Why not fetch(): fetch() copies a Buffer body into a fresh ArrayBuffer before sending it (the Fetch spec's
// BodyInit extraction). A digest fan-out uploads the same ~80 KB chart into every channel's thread, so each channel
// left a copy behind; those copies live outside the JS heap, and V8 only collects them once tens of MB have piled
// up, which made the fan-out's peak memory grow with the number of channels (bench/digest-fanout.ts: 1,000 channels
// peaked ~1.35x as high as 100). node:http sends the shared bytes without a copy. The answer's body ("OK - <n>") is
// read to its end so the keep-alive socket goes back to the pool at once instead of when the response is collected.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface UploadAnswer {
  status: number;
  ok: boolean;
}

/**
 * POSTs `bytes` to `url` (http: only for loopback fakes and SLACK_API_URL test setups; Slack's own URLs are https)
 * and resolves with the HTTP status once the answer has been read. Rejects on a network error, a URL that is not
 * http(s), or when the whole exchange takes longer than `timeoutMs`. Redirects are not followed (Slack's upload URL
 * answers directly); a 3xx is reported as not ok like any other non-2xx status.
 */
export function uploadBytes(url: string, bytes: Uint8Array, options: { contentType: string; timeoutMs: number }): Promise<UploadAnswer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : undefined;
  if (!send) return Promise.reject(new Error(`Slack upload URL has an unsupported scheme (${target.protocol})`));
  return new Promise((resolve, reject) => {
    const outgoing = send(target, {
      method: 'POST',
      headers: { 'content-type': options.contentType, 'content-length': bytes.byteLength },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const fail = (error: Error) => reject(error.name === 'AbortError' ? new Error(`Slack file upload took longer than ${options.timeoutMs} ms`, { cause: error }) : error);
    outgoing.on('error', fail);
    outgoing.on('response', (answer: IncomingMessage) => {
      answer.on('error', fail);
      // The connection dropped before the answer's end: settle rather than wait forever (no-op after 'end').
      answer.on('close', () => answer.complete || fail(new Error('Slack file upload answer was cut off')));
      answer.on('end', () => {
        const status = answer.statusCode ?? 0;
        resolve({ status, ok: status >= 200 && status < 300 });
      });
      answer.resume();
    });
    outgoing.end(bytes);
  });
}
