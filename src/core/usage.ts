// Usage lines and help replies, derived from the command specs.
import { describeOptions, leafCommands, type CommandSpec, type LeafCommand, type OptionDescriptor } from './command-spec.ts';
import { reply, type Reply } from './reply.ts';

function optionUsage(d: OptionDescriptor): string {
  const inner = d.choices ? `${d.name}=${d.choices.join('|')}` : d.list ? `${d.name}=a,b,…` : d.rest ? `${d.name}…` : d.name;
  return d.required ? `<${inner}>` : `[${inner}]`;
}

export function usageLine(path: string, spec: LeafCommand): string {
  // Boolean switches are written `--name` and come first: the text parser reads them only before the rest.
  const all = describeOptions(spec.args);
  const switches = all.filter((d) => d.type === 'boolean' && !d.required).map((d) => `[--${d.name}]`);
  const options = all.filter((d) => !(d.type === 'boolean' && !d.required)).map(optionUsage);
  return ['/rustvsgo', path, ...switches, ...options].join(' ');
}

export function helpReply(specs: readonly CommandSpec[]): Reply {
  const lines = specs.map((s) => `• \`/rustvsgo ${s.name}\`: ${s.description}`);
  return reply({
    title: 'rustvsgo: Rust or Go for your backend component?',
    summary: 'Ask a question in plain words, or use a command:',
    sections: [
      { body: lines.join('\n') },
      {
        heading: 'Try',
        body: ['/rustvsgo Rust or Go for an edge gateway?', '/rustvsgo lookup gc pauses', '/rustvsgo help team'].map((e) => `• \`${e}\``).join('\n'),
      },
    ],
    footer: 'Mention the bot in a thread for a quick, sourced answer there. `/rustvsgo help <command>` for details.',
    tone: 'info',
  });
}

export function commandHelpReply(specs: readonly CommandSpec[], name: string): Reply | undefined {
  const spec = specs.find((s) => s.name === name.toLowerCase());
  if (!spec) return undefined;
  const leaves = leafCommands([spec]);
  const sections = leaves.map(({ path, spec: leaf }) => {
    const options = describeOptions(leaf.args)
      .map((d) => `• \`${d.name}\`${d.required ? '' : ' (optional)'}: ${d.description}${d.choices ? ` (${d.choices.join(', ')})` : ''}`)
      .join('\n');
    const examples = leaf.examples.map((e) => `• \`/rustvsgo ${e}\``).join('\n');
    const access = leaf.access === 'manage' ? '\nChanges channel settings: needs the settings permission.' : '';
    return {
      heading: `\`${usageLine(path, leaf)}\``,
      body: [leaf.description + access, options, examples && `Examples:\n${examples}`].filter(Boolean).join('\n'),
    };
  });
  return reply({ title: `/rustvsgo ${spec.name}`, summary: spec.description, sections, tone: 'info' });
}
