// The commands the CLI suggests (help examples, kb check's hint, usage mistakes) run as typed where they are read:
// a fresh clone has no `rustvsgo` on PATH and runs `npm run --silent rustvsgo -- ...`; the installed bin says
// `rustvsgo ...`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invokedAs } from '../../src/cli/invoked-as.ts';
import { ensureBuilt } from '../helpers/ensure-built.ts';
import { cleanEnv, projectRoot, runEntrySync } from '../helpers/run-entry.ts';

const NPM_FORM = 'npm run --silent rustvsgo --';
const env = cleanEnv({ DATABASE_URL: 'sqlite::memory:' });
const fromSource = (args: string[]) => runEntrySync('src/cli/main.ts', args, { cwd: projectRoot, env });

describe('invokedAs', () => {
  it.each([
    ['npm run rustvsgo, or node on the entry', ['node', '/clone/dist/cli/main.js'], NPM_FORM],
    ['the source entry through tsx', ['node', '/clone/src/cli/main.ts'], NPM_FORM],
    ['the linked bin on PATH', ['node', '/usr/local/bin/rustvsgo'], 'rustvsgo'],
    ['the bin by its file', ['node', '/clone/bin/rustvsgo.mjs'], 'rustvsgo'],
    ['npx rustvsgo', ['node', '/clone/node_modules/.bin/rustvsgo'], 'npx rustvsgo'],
  ])('%s', (_name, argv, expected) => {
    expect(invokedAs(argv)).toBe(expected);
  });
});

describe('hints in a fresh clone', { timeout: 90_000 }, () => {
  it('help shows examples that run through npm', () => {
    const { stdout, status } = fromSource(['--help']);
    expect(status).toBe(0);
    expect(stdout).toContain(`\n  ${NPM_FORM} ask "Rust or Go for an edge gateway?"`);
    expect(stdout).not.toMatch(/\n {2}rustvsgo /);
    expect(fromSource(['digest', '--help']).stdout).toContain(`\n  ${NPM_FORM} digest preview --demo`);
  });

  it('kb check with nothing collected says how to collect, through npm', () => {
    const { stdout } = fromSource(['kb', 'check']);
    expect(stdout).toContain(`run \`${NPM_FORM} digest collect\``);
  });

  it('ask with no question gives an example that runs', () => {
    const { stderr, status } = fromSource(['ask']);
    expect(status).toBe(2);
    expect(stderr).toContain(`e.g. ${NPM_FORM} ask "`);
  });

  it('the installed bin shows `rustvsgo ...`', () => {
    ensureBuilt();
    const { stdout } = spawnSync(process.execPath, [join(projectRoot, 'bin', 'rustvsgo.mjs'), '--help'], { cwd: projectRoot, env, encoding: 'utf8' });
    expect(stdout).toContain('\n  rustvsgo ask "Rust or Go for an edge gateway?"');
  });
});
