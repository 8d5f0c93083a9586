// A primary source behind a knowledge-base claim: who said it, where, and when. Two kinds, one date each:
// an article (release notes, a blog post, a survey) carries its publication `date`; a living page (the Go FAQ,
// the GC guide, docs.rs, AWS docs, a README) changes under the same URL, so it carries the day someone `checked`
// the claim against it and, for versioned documentation, the release it was `checked_against` (go1.27,
// rust1.91, tokio1.x). A living page's date must never read as a publication date, hence `label`.
import { z } from 'zod';

const dateSchema = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'a date like 2024-03-21 or 2024-03');

/** "go1.27", "rust1.91", "tokio1.x": a product name and the release line the page was read for. */
const checkedAgainstSchema = z
  .string()
  .regex(/^[a-z][a-z-]*\d+(\.(\d+|x))*$/, 'a release like go1.27, rust1.91 or tokio1.x');

const rawSourceSchema = z
  .object({
    title: z.string().min(3),
    url: z.url().startsWith('https://', 'an https:// URL'),
    /** Articles: YYYY-MM-DD, or YYYY-MM when the publisher gives no day. */
    date: dateSchema.optional(),
    /** Living pages: when the claim was last checked against the page (YYYY-MM-DD; YYYY-MM for older reviews). */
    checked: dateSchema.optional(),
    checked_against: checkedAgainstSchema.optional(),
    /** Only in already-parsed sources (the advisor's JSON contract re-validates them); recomputed on parse. */
    label: z.string().optional(),
  })
  .superRefine((source, ctx) => {
    // A parsed living page carries `date` (= `checked`) for readers of `date`; parsing it again is fine.
    const reparsed = source.label !== undefined && source.date === source.checked;
    if (source.date === undefined && source.checked === undefined) {
      ctx.addIssue({ code: 'custom', message: 'needs `date` (an article) or `checked` (a living page)', path: ['date'] });
    }
    if (source.date !== undefined && source.checked !== undefined && !reparsed) {
      ctx.addIssue({ code: 'custom', message: 'one date per source: `date` for an article or `checked` for a living page, not both', path: ['checked'] });
    }
    if (source.checked_against !== undefined && source.checked === undefined) {
      ctx.addIssue({ code: 'custom', message: '`checked_against` belongs to a living page, which also needs `checked`', path: ['checked_against'] });
    }
  });

const productNames: Record<string, string> = { go: 'Go', rust: 'Rust', tokio: 'Tokio' };

/** "go1.27" -> "Go 1.27"; unknown products keep their own spelling ("hyper1.x" -> "hyper 1.x"). */
export function releaseLabel(checkedAgainst: string): string {
  const match = /^([a-z][a-z-]*?)(\d.*)$/.exec(checkedAgainst);
  if (!match) return checkedAgainst;
  const [, product = '', version = ''] = match;
  return `${productNames[product] ?? product} ${version}`;
}

/**
 * Parsed sources always have `date` (what replies, sorting and the advisor read: the publication date of an
 * article, the check date of a living page) and `label` (how the date is shown to people).
 */
export interface Source {
  title: string;
  url: string;
  date: string;
  label: string;
  checked?: string;
  checked_against?: string;
}

export const sourceSchema = rawSourceSchema.transform((source): Source => {
  if (source.checked === undefined) {
    const date = source.date as string;
    return { title: source.title, url: source.url, date, label: date };
  }
  const month = source.checked.slice(0, 7);
  const label = source.checked_against ? `checked against ${releaseLabel(source.checked_against)}, ${month}` : `checked ${month}`;
  return {
    title: source.title,
    url: source.url,
    date: source.checked,
    label,
    checked: source.checked,
    ...(source.checked_against ? { checked_against: source.checked_against } : {}),
  };
});

