// The bench runner: every area gets a row, and a missing or failing benchmark is reported, never skipped.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCH_MODULES, reportMarkdown, reportTable, runArea } from '../../bench/run.ts';

const root = mkdtempSync(join(tmpdir(), 'rustvsgo-bench-'));
mkdirSync(join(root, 'bench'));
const result = (name: string) => ({ name, value: 2, unit: 'ms', baselineName: 'nothing', baselineValue: 1, ratio: 2, target: '< 5 ms', met: true });
writeFileSync(join(root, 'bench/good.mjs'), `export async function runGoodBench() { return [${JSON.stringify(result('good p99'))}]; }`);
writeFileSync(join(root, 'bench/renamed.mjs'), `export async function runSomethingElseBench() { return [${JSON.stringify(result('renamed'))}]; }`);
writeFileSync(join(root, 'bench/throws.mjs'), `export async function runThrowsBench() { throw new Error('port in use'); }`);
writeFileSync(join(root, 'bench/empty.mjs'), `export async function runEmptyBench() { return []; }`);
writeFileSync(join(root, 'bench/wrong.mjs'), `export const answer = 42;`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const area = (name: string, file: string, exportName: string) => ({ area: name, file, exportName, about: name });

describe('bench runner', () => {
  it('lists the five areas the issue asks for', () => {
    expect(BENCH_MODULES.map((m) => m.area)).toEqual(['advisor', 'slack-ack', 'store', 'digest-fanout', 'startup']);
  });

  it.each([
    ['good', 'bench/good.mjs', 'runGoodBench', 'ok'],
    ['renamed', 'bench/renamed.mjs', 'runRenamedBench', 'ok'],
    ['absent', 'bench/absent.ts', 'runAbsentBench', 'missing'],
    ['wrong', 'bench/wrong.mjs', 'runWrongBench', 'missing'],
    ['throws', 'bench/throws.mjs', 'runThrowsBench', 'failed'],
    ['empty', 'bench/empty.mjs', 'runEmptyBench', 'failed'],
  ])('given the %s module, then its outcome is %s', async (name, file, exportName, status) => {
    expect((await runArea(area(name, file, exportName), root)).status).toBe(status);
  });

  it('given a missing and a failed area, then the table names each problem on its own row', async () => {
    const outcomes = [
      await runArea(area('good', 'bench/good.mjs', 'runGoodBench'), root),
      await runArea(area('absent', 'bench/absent.ts', 'runAbsentBench'), root),
      await runArea(area('throws', 'bench/throws.mjs', 'runThrowsBench'), root),
    ];
    const table = reportTable(outcomes);
    expect(table).toContain('| good | good p99 | 2 | ms | nothing | 1 | 2 | < 5 ms | yes |');
    expect(table).toContain('| absent | **MISSING**: bench/absent.ts does not exist (expected export runAbsentBench)');
    expect(table).toMatch(/\| throws \| \*\*FAILED\*\*: Error: port in use/);
    expect(reportMarkdown(outcomes, new Date('2026-11-27T05:00:00Z'))).toContain('- run: 2026-11-27T05:00:00.000Z');
  });
});
