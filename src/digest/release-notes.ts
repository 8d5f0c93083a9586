// "Why it matters" for a release: the first line or two of its notes (a GitHub release body) as plain text.
// Release notes are third-party Markdown and HTML: headings, badges, links, comments and @mentions are dropped or
// made inert, so a digest line can never ping anyone, render raw HTML, or grow past a short sentence or two.
import { neutralizeMentions, truncate } from '../core/safe-text.ts';

/** What a digest line shows at most from one release's notes. */
const WHY_IT_MATTERS_MAX = 200;
/** What the collector keeps of a release body: enough for the first lines, not the whole changelog. */
export const STORED_NOTES_MAX = 1_000;

/** A heading that only repeats the version or date ("# 1.46.1 (July 4th, 2025)", "## What's Changed"). */
const BOILERPLATE_LINE = /^(v?\d+\.\d+[\w.+-]*(\s*\(.*\))?|what['’]s changed|changelog|release notes|full changelog.*|highlights|summary)$/i;

function plainLine(line: string): string {
  return (
    line
      // Markdown images and badges first (they contain link syntax), then links become their text.
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]*>/g, '')
      .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/, '')
      // Emphasis markers go; underscores inside identifiers (set_zero_linger) stay.
      .replace(/[*`~]/g, '')
      .replace(/(^|\s)_+|_+(?=\s|$)/g, '$1')
      // A raw @handle in release notes credits a contributor; in chat it would be a mention.
      .replace(/@(?=[\w-])/g, '@\u200D')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** The first one or two meaningful lines of release notes, plain, without pings, at most `max` characters. */
export function whyItMatters(notes: string | undefined, max = WHY_IT_MATTERS_MAX): string | undefined {
  if (!notes) return undefined;
  const withoutComments = notes.replace(/<!--[\s\S]*?-->/g, '').replace(/```[\s\S]*?```/g, '');
  const lines = withoutComments
    .split(/\r?\n/)
    // A short heading ("### Fixed", "## Added") names a section, it says nothing on its own.
    .filter((line) => !(/^\s{0,3}#{1,6}\s/.test(line) && line.trim().split(/\s+/).length <= 4))
    .map(plainLine)
    .filter((line) => line.length > 0 && !BOILERPLATE_LINE.test(line) && !/^https?:\/\/\S+$/.test(line));
  const picked = lines.slice(0, 2).join('; ');
  if (!picked) return undefined;
  return truncate(neutralizeMentions(picked), max);
}
