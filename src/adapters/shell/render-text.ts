// Renders a Reply as readable terminal text; ANSI colour only when writing to a terminal.
import type { Reply } from '../../core/reply.ts';
import { scoreBar } from '../../core/score-bar.ts';

export interface TextRenderOptions {
  color: boolean;
}

const ANSI = { bold: '\x1b[1m', dim: '\x1b[2m', cyan: '\x1b[36m', yellow: '\x1b[33m', red: '\x1b[31m', reset: '\x1b[0m' };

export function renderText(reply: Reply, { color }: TextRenderOptions): string {
  const paint = (code: string, text: string) => (color ? `${code}${text}${ANSI.reset}` : text);
  // Links first: once bold or code is painted, the `[` of an escape code (ESC[1m) would start a link match and
  // the pattern would eat the escape, leaving `[1m`-style garbage on a terminal.
  const inline = (text: string) =>
    text
      .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1 <$2>')
      .replace(/\*\*([^*]+)\*\*/g, (_m, t: string) => paint(ANSI.bold, t))
      .replace(/`([^`]+)`/g, (_m, t: string) => paint(ANSI.cyan, t));
  const titleColor = reply.tone === 'error' ? ANSI.red : reply.tone === 'warning' ? ANSI.yellow : ANSI.bold;
  const out: string[] = [paint(titleColor, inline(reply.title))];
  if (reply.summary) out.push(inline(reply.summary));
  if (reply.scoreBars.length > 0) {
    const width = Math.max(...reply.scoreBars.map((b) => b.label.length));
    out.push('', ...reply.scoreBars.map((b) => `  ${b.label.padEnd(width)}  ${scoreBar(b.score, b.max)}`));
  }
  for (const section of reply.sections) {
    out.push('');
    if (section.heading) out.push(paint(ANSI.bold, inline(section.heading)));
    out.push(inline(section.body));
  }
  if (reply.fields.length > 0) {
    out.push('', ...reply.fields.map((f) => `${paint(ANSI.bold, inline(f.label))}: ${inline(f.value)}`));
  }
  // A heading only over sources that can be printed: a blank entry must not leave "Sources" standing alone.
  const sources = reply.sources.filter((s) => s.title.trim() !== '' && s.url.trim() !== '');
  if (sources.length > 0) {
    out.push('', paint(ANSI.bold, 'Sources'));
    sources.forEach((s, i) => out.push(`  [${i + 1}] ${s.title} (${s.label ?? s.date}) ${s.url}`));
  }
  if (reply.footer) out.push('', paint(ANSI.dim, inline(reply.footer)));
  // Follow-up options last, as a numbered choice: the shell re-asks the one whose number is typed next.
  const options = reply.actions.filter((a) => a.kind === 'follow_up');
  if (options.length > 0) out.push('', ...options.map((a, i) => `  (${i + 1}) ${inline(a.label)}`));
  return out.join('\n');
}
