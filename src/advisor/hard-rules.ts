// What is settled before any weighing: questions outside the bot's scope, jobs only one of the two languages
// can do, and the asker's own rules (a policy, "no second language"). Each rule says which rule decided.
import { sourceSchema } from '../knowledge/source.ts';
import type { Reason } from './advice.ts';
import type { Situation } from './situation.ts';

export type RuleDecision =
  | { kind: 'out-of-scope'; note: string; askFor: string }
  | { kind: 'only-one'; recommendation: 'rust'; note: string; reason: Reason }
  | { kind: 'policy' | 'one-language'; recommendation: 'rust' | 'go'; note: string };

const WHAT_I_JUDGE =
  'I compare Rust and Go for backend and systems components (an API, a proxy, a CLI, a storage engine, a stream processor, an agent...).';
const ASK_FOR_COMPONENT = 'Which backend or systems component are you choosing a language for, and what matters most for it: tail latency, cost, or time to market?';

const KERNEL_REASON: Reason = {
  criterion: 'deployment',
  favours: 'rust',
  text: 'Linux accepts kernel code in Rust since 6.1 (the Rust-for-Linux support); Go needs its runtime and garbage collector and cannot be used for kernel modules.',
  sources: [
    sourceSchema.parse({ title: 'Rust - The Linux Kernel documentation', url: 'https://docs.kernel.org/rust/index.html', checked: '2026-12-01' }),
    sourceSchema.parse({ title: 'Linux 6.1 release notes (Rust infrastructure merged)', url: 'https://kernelnewbies.org/Linux_6.1', date: '2022-12-11' }),
  ],
};

const BARE_METAL_REASON: Reason = {
  criterion: 'deployment',
  favours: 'rust',
  text: 'Rust runs on microcontrollers without an operating system (no_std, embedded-hal); Go needs an OS and its runtime (only the separate TinyGo compiler targets some boards).',
  sources: [
    sourceSchema.parse({ title: 'The Embedded Rust Book', url: 'https://docs.rust-embedded.org/book/', checked: '2026-12-01' }),
    sourceSchema.parse({ title: 'Go FAQ', url: 'https://go.dev/doc/faq', checked: '2026-12-01', checked_against: 'go1.27' }),
  ],
};

const NAME = { rust: 'Rust', go: 'Go' } as const;

export function hardRule(s: Situation): RuleDecision | undefined {
  if (s.outOfScope) {
    const why =
      s.outOfScope.kind === 'other-language'
        ? `This weighs ${s.outOfScope.detail}, which I do not compare.`
        : s.outOfScope.kind === 'front-end'
          ? 'A front end or mobile UI is not a backend or systems component; neither Rust nor Go is the usual choice there.'
          : 'The question names no component.';
    return { kind: 'out-of-scope', note: `${why} ${WHAT_I_JUDGE}`, askFor: ASK_FOR_COMPONENT };
  }
  if (s.deployment === 'kernel') return { kind: 'only-one', recommendation: 'rust', note: 'Only Rust can do this: Go cannot be used for Linux kernel modules; Rust is accepted in Linux since 6.1.', reason: KERNEL_REASON };
  if (s.deployment === 'bare-metal') return { kind: 'only-one', recommendation: 'rust', note: 'Only Rust fits: standard Go needs an operating system; Rust runs on bare-metal microcontrollers.', reason: BARE_METAL_REASON };
  const mandated = s.rules.mandates ?? (s.rules.excludes.length === 1 ? (s.rules.excludes[0] === 'rust' ? 'go' : 'rust') : null);
  if (mandated) return { kind: 'policy', recommendation: mandated, note: `Decided by your policy: ${s.rules.mandates ? `${NAME[mandated]} is required` : `${NAME[mandated === 'rust' ? 'go' : 'rust']} is not allowed`}.` };
  if (s.rules.noSecondLanguage) {
    const code = s.codebase.language === 'rust' || s.codebase.language === 'go' ? s.codebase.language : null;
    const known = s.team.go === 'strong' && s.team.rust !== 'strong' ? 'go' : s.team.rust === 'strong' && s.team.go !== 'strong' ? 'rust' : null;
    const lang = code ?? known;
    if (lang) return { kind: 'one-language', recommendation: lang, note: `Decided by "no second language": your ${code ? 'existing code' : 'team'} is ${NAME[lang]}.` };
  }
  return undefined;
}
