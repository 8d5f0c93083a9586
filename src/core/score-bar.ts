// A score as a text bar ("████████░░ 78"), the same on every platform.
export function scoreBar(score: number, max = 100, width = 10): string {
  const clamped = Math.max(0, Math.min(max, Number.isFinite(score) ? score : 0));
  const filled = Math.round((clamped / max) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.round(clamped)}`;
}
