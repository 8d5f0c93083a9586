// Splits long text into chunks no longer than a platform's limit, preferring line breaks, then spaces.
import { truncate } from './safe-text.ts';

export function splitText(text: string, max: number, maxChunks = Number.POSITIVE_INFINITY): string[] {
  if (max <= 0) return [];
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max && chunks.length < maxChunks - 1) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    // Never split a surrogate pair.
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    chunks.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  chunks.push(rest.length > max ? truncate(rest, max) : rest);
  return chunks.filter((c) => c.length > 0);
}
