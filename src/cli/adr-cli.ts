// `rustvsgo ask --adr "<question>"`: the answer as a Markdown ADR on stdout (the same record "Save as ADR" uploads).
// The CLI has no channel, so no team profile takes part.
import { adrMarkdown } from '../advisor/adr.ts';
import { advise } from '../advisor/advise.ts';
import type { Services } from '../core/services.ts';

export function printAdr(services: Services, question: string, stdout: (text: string) => void = (t) => process.stdout.write(t)): number {
  const adr = adrMarkdown({ advice: advise(question, undefined, services.knowledge), date: services.now().toISOString().slice(0, 10) });
  stdout(adr.markdown);
  return 0;
}
