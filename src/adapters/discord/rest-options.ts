// The options every discord.js REST client here is built with (digest poster, HTTP interactions, deploy, gateway
// client), so a file upload works whichever undici owns the process.
//
// Why: Bolt brings undici 7 and discord.js undici 6. The first one loaded installs the process-wide dispatcher
// (runtime/start.ts loads the Slack adapter first), and @discordjs/rest hands that dispatcher the runtime's
// FormData for a message with files, which another undici copy cannot read: the chart or ADR upload failed with
// "action is not a function". Here the FormData is encoded to bytes by the runtime that built it, and bytes with a
// multipart content type read the same in every undici.
import { DefaultRestOptions, type RESTOptions } from 'discord.js';

type MakeRequest = RESTOptions['makeRequest'];
type RequestInit = Parameters<MakeRequest>[1];

async function multipartAsBytes(url: string, init: RequestInit): Promise<RequestInit> {
  if (!(init.body instanceof FormData)) return init;
  const encoded = new Request(url, { method: 'POST', body: init.body });
  const headers = Object.fromEntries(new Headers(init.headers as ConstructorParameters<typeof Headers>[0]));
  headers['content-type'] = encoded.headers.get('content-type') ?? 'multipart/form-data';
  return { ...init, headers, body: new Uint8Array(await encoded.arrayBuffer()) };
}

const makeRequest: MakeRequest = async (url, init) => DefaultRestOptions.makeRequest(url, await multipartAsBytes(url, init));

/** REST options for DISCORD_API_URL (API v10) whose uploads do not depend on which undici loaded first. */
export function discordRestOptions(apiUrl: string): Pick<RESTOptions, 'api' | 'version' | 'makeRequest'> {
  return { api: apiUrl, version: '10', makeRequest };
}
