// The build-time snapshot of the knowledge base (src/knowledge/kb-snapshot.ts): read back exactly as the YAML
// loads, and trusted only when written by the same build and format as the code reading it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { KnowledgeFileError } from '../../src/knowledge/load-data-file.ts';
import { readKbSnapshot, writeKbSnapshot } from '../../src/knowledge/kb-snapshot.ts';

let dir: string;
const snapshotPath = () => join(dir, 'kb-snapshot.json');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rustvsgo-kb-snapshot-'));
  cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the knowledge-base snapshot', () => {
  it('given a snapshot of this build then it reads back equal to the YAML', () => {
    writeKbSnapshot(dir, 'build-a', loadKnowledgeBase(dir));
    expect(readKbSnapshot(snapshotPath(), 'build-a')).toEqual(loadKnowledgeBase(dir));
  });

  it('given a snapshot written by another build then it is not trusted', () => {
    writeKbSnapshot(dir, 'build-a', loadKnowledgeBase(dir));
    expect(readKbSnapshot(snapshotPath(), 'build-b')).toBeUndefined();
  });

  it('given code run from the sources (no build id) then no snapshot is used', () => {
    writeKbSnapshot(dir, 'build-a', loadKnowledgeBase(dir));
    expect(readKbSnapshot(snapshotPath(), undefined)).toBeUndefined();
  });

  it('given a snapshot of another format version then it is not trusted', () => {
    writeKbSnapshot(dir, 'build-a', loadKnowledgeBase(dir));
    const data = JSON.parse(readFileSync(snapshotPath(), 'utf8')) as { format: number };
    writeFileSync(snapshotPath(), JSON.stringify({ ...data, format: data.format + 1 }));
    expect(readKbSnapshot(snapshotPath(), 'build-a')).toBeUndefined();
  });

  it('given a missing or truncated snapshot then it is not trusted', () => {
    expect(readKbSnapshot(snapshotPath(), 'build-a')).toBeUndefined();
    writeFileSync(snapshotPath(), '{"format":1,"build":"build-a","kb":{');
    expect(readKbSnapshot(snapshotPath(), 'build-a')).toBeUndefined();
  });

  it('given a broken data file then no snapshot is written (the build fails with the loader message)', () => {
    const path = join(dir, 'criteria.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/id: performance\b/, 'id: speed'));
    expect(() => writeKbSnapshot(dir, 'build-a', loadKnowledgeBase(dir))).toThrow(KnowledgeFileError);
    expect(() => readFileSync(snapshotPath())).toThrow();
  });
});
