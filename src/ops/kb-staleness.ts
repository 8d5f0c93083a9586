// One place that answers "how stale is the knowledge base?" from what the collector stored, for `kb check`,
// `digest status` and the rustvsgo_kb_stale_entries gauge. Offline: reads the store, never a source.
import { latestStoredToolchains } from '../digest/latest-toolchains.ts';
import { checkKnowledgeFreshness, type KbCheckReport } from '../knowledge/kb-freshness.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { DigestSnapshotRepository } from '../store/digest-snapshots.ts';

export interface KbStalenessInput {
  knowledge: KnowledgeBase;
  snapshots: DigestSnapshotRepository;
  now: Date;
}

export async function kbStalenessReport(input: KbStalenessInput): Promise<KbCheckReport> {
  const latest = await latestStoredToolchains(input.snapshots);
  return checkKnowledgeFreshness(input.knowledge, latest, input.now);
}
