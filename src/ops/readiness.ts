// Whether this process can take work: the database answers, every adapter is connected, the knowledge base
// is loaded. /readyz serves the report; a load balancer or orchestrator sends traffic only when it is ready.
import type { Adapter } from '../adapters/adapter.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';

export interface ReadinessInput {
  ping(): Promise<void>;
  adapters: readonly Pick<Adapter, 'name' | 'isReady'>[];
  knowledge: Pick<KnowledgeBase, 'version' | 'facts'>;
  /** A database that does not answer within this is "not ready", not a hung probe. */
  pingTimeoutMs?: number;
}

export interface ReadinessReport {
  ready: boolean;
  checks: {
    database: { ok: boolean; error?: string };
    adapters: { ok: boolean; states: Record<string, boolean> };
    knowledge: { ok: boolean; version: string; facts: number };
  };
}

export async function checkReadiness(input: ReadinessInput): Promise<ReadinessReport> {
  const database = await pingWithin(input.ping, input.pingTimeoutMs ?? 2000);
  const states = Object.fromEntries(input.adapters.map((a) => [a.name, safeIsReady(a)]));
  const adapters = { ok: input.adapters.length > 0 && Object.values(states).every(Boolean), states };
  const knowledge = {
    ok: input.knowledge.facts.length > 0,
    version: input.knowledge.version,
    facts: input.knowledge.facts.length,
  };
  return { ready: database.ok && adapters.ok && knowledge.ok, checks: { database, adapters, knowledge } };
}

function safeIsReady(adapter: Pick<Adapter, 'isReady'>): boolean {
  try {
    return adapter.isReady();
  } catch {
    return false;
  }
}

async function pingWithin(ping: () => Promise<void>, timeoutMs: number): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([ping(), timeout]);
    return { ok: true };
  } catch (error) {
    // Only the error's kind and message: connection strings can carry passwords, and they never reach a probe.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message.replace(/\w+:\/\/[^\s]+/g, '[url]').slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}
