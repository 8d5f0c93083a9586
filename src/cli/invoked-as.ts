// How the person started the command line, so the commands it suggests (help examples, hints) run as typed. The
// `rustvsgo` command exists only where its bin was installed (`npm link`, a global install) or through `npx`; a
// fresh clone has no such command and runs the CLI through its npm script.
import { basename, dirname } from 'node:path';

/** The words that run this CLI again: `rustvsgo`, `npx rustvsgo`, or `npm run --silent rustvsgo --`. */
export function invokedAs(argv: readonly string[] = process.argv): string {
  // The bin (bin/rustvsgo.mjs, or its link named rustvsgo) is the script Node was given; `npm run rustvsgo` runs
  // dist/cli/main.js. npx runs the link in node_modules/.bin, which is not on the person's PATH.
  const script = argv[1] ?? '';
  const name = basename(script);
  if (name !== 'rustvsgo' && name !== 'rustvsgo.mjs') return 'npm run --silent rustvsgo --';
  return /(^|[/\\])node_modules[/\\]\.bin$/.test(dirname(script)) ? 'npx rustvsgo' : 'rustvsgo';
}
