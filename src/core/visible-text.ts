// How long a text in the Reply markup (reply.ts) looks to a reader: link labels count, their URLs and the
// **bold** / `code` markers do not. The condensed answer keeps itself within a budget of visible characters.
const LINK = /\[([^\]]*)\]\((https?:\/\/[^)\s]+)\)/g;

function visibleText(markup: string): string {
  return markup.replace(LINK, '$1').replace(/\*\*/g, '').replace(/`/g, '');
}

export function visibleLength(markup: string): number {
  return [...visibleText(markup)].length;
}
