// Run by scripts/build.mjs from the bundle it just wrote (never shipped): validates the copied knowledge base and
// writes its snapshot (kb-snapshot.ts). A broken data file fails the build with the loader's message.
import { DEFAULT_DATA_DIR, loadKnowledgeBase } from './knowledge-base.ts';
import { writeKbSnapshot } from './kb-snapshot.ts';

const buildId = process.env.RUSTVSGO_BUILD_ID;
if (buildId === undefined) throw new Error('write-kb-snapshot runs from the bundle scripts/build.mjs writes');
writeKbSnapshot(DEFAULT_DATA_DIR, buildId, loadKnowledgeBase(DEFAULT_DATA_DIR));
