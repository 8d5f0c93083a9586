import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { KnowledgeFileError } from '../../src/knowledge/load-data-file.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rustvsgo-kb-'));
  cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function edit(file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next, `edit of ${file} applied`).not.toBe(text);
  writeFileSync(path, next);
}

function loadError(): KnowledgeFileError {
  try {
    loadKnowledgeBase(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(KnowledgeFileError);
    return err as KnowledgeFileError;
  }
  throw new Error('expected the knowledge base to be rejected');
}

describe('loading the knowledge base', () => {
  it('given the shipped data then it loads', () => {
    const kb = loadKnowledgeBase(dir);
    expect(kb.criteria).toHaveLength(11);
    expect(kb.workloads.length).toBeGreaterThanOrEqual(25);
  });

  it.each([
    {
      what: 'a weight that is not a number',
      file: 'workloads.yaml',
      from: 'weights: { tail-latency: 3, performance: 4, memory-efficiency: 3, safety: 4',
      to: 'weights: { tail-latency: high, performance: 4, memory-efficiency: 3, safety: 4',
      expected: ['workloads.yaml', '"edge-gateway" (#1)', 'weights.tail-latency', 'number'],
    },
    {
      what: 'a source without a date',
      file: 'assessments.yaml',
      from: '{ title: "Go 1.8 Release Notes (Garbage Collector)", url: "https://go.dev/doc/go1.8#gc", date: "2017-02-16" }',
      to: '{ title: "Go 1.8 Release Notes (Garbage Collector)", url: "https://go.dev/doc/go1.8#gc" }',
      expected: ['assessments.yaml', '"tail-latency.default" (#1)', 'sources.0.date'],
    },
    {
      what: 'an unknown criterion',
      file: 'assessments.yaml',
      from: 'criterion: tail-latency\n  rust: 9',
      to: 'criterion: latency\n  rust: 9',
      expected: ['assessments.yaml', '"tail-latency.default"', 'criterion'],
    },
    {
      what: 'a non-https source URL',
      file: 'workloads.yaml',
      from: 'url: "https://blog.cloudflare.com/how-we-built-pingora',
      to: 'url: "http://blog.cloudflare.com/how-we-built-pingora',
      expected: ['workloads.yaml', '"edge-gateway"', 'precedents.0.sources.0.url', 'https'],
    },
    {
      what: 'a bad version',
      file: 'meta.yaml',
      from: 'version: 1.',
      to: 'version: v1.',
      expected: ['meta.yaml', 'field version', 'semantic version'],
    },
  ])('given $what then the error names the file, the entry and the field', ({ file, from, to, expected }) => {
    edit(file, from, to);
    const err = loadError();
    for (const part of expected) expect(err.message).toContain(part);
  });

  it('given broken YAML then the error names the file', () => {
    edit('constraints.yaml', '- id: latency-strict', '- id: [latency-strict');
    expect(loadError().message).toMatch(/^knowledge file constraints\.yaml: not valid YAML/);
  });

  it('given an assessment context nothing can switch on then the cross-reference check names it', () => {
    edit('assessments.yaml', 'when: [gc-sensitive]\n  rust: 10\n  go: 5', 'when: [gc-sensitve]\n  rust: 10\n  go: 5');
    const err = loadError();
    expect(err.message).toContain('assessments.yaml');
    expect(err.message).toContain('"tail-latency.gc-sensitive"');
    expect(err.message).toContain('when.0');
    expect(err.message).toContain('gc-sensitve');
  });

  it('given a workload context no assessment uses then it is reported as a likely typo', () => {
    edit('workloads.yaml', 'contexts: [untrusted-input]\n  precedents:', 'contexts: [untrusted-inptu]\n  precedents:');
    const err = loadError();
    expect(err.message).toContain('"edge-gateway"');
    expect(err.message).toContain('contexts.0');
  });

  it('given a duplicate signal id across files then it is rejected', () => {
    edit('constraints.yaml', '- id: latency-strict', '- id: edge-gateway');
    expect(loadError().message).toMatch(/constraints\.yaml, entry "edge-gateway".*already used/);
  });

  it('given an ambiguous phrase whose deciding signal does not exist then it is named', () => {
    edit('workloads.yaml', 'needs: [kubernetes, container-runtime]', 'needs: [kubernets, container-runtime]');
    expect(loadError().message).toMatch(/workloads\.yaml, entry "k8s-operator".*ambiguous_phrases\.needs\.0.*unknown signal "kubernets"/);
  });

  it('given a missing criterion then it is named', () => {
    edit('criteria.yaml', /- id: team-fit[\s\S]*$/, '');
    expect(loadError().message).toContain('criterion "team-fit" is missing');
  });
});
