// The time zones a digest modal offers, as a static select's option groups, with no external data source: every
// IANA zone this runtime's Intl knows (what `digest subscribe` accepts), grouped by area. Slack allows at most 100
// options a group, so a larger area (America) is split; UTC and the channel's current zone are always offered.
const GROUP_MAX = 100;
const OPTION_TEXT_MAX = 75;

interface PlainText {
  type: 'plain_text';
  text: string;
}
export interface MenuOption {
  text: PlainText;
  value: string;
}
interface OptionGroup {
  label: PlainText;
  options: MenuOption[];
}

const plain = (text: string): PlainText => ({ type: 'plain_text', text: text.slice(0, OPTION_TEXT_MAX) });

/** The option for one zone: its IANA name as value, shown with spaces for underscores ("America/New York"). */
export const zoneOption = (zone: string): MenuOption => ({ text: plain(zone.replace(/_/g, ' ')), value: zone });

let knownZones: string[] | undefined;
function runtimeZones(): string[] {
  knownZones ??= Intl.supportedValuesOf('timeZone');
  return knownZones;
}

/** Splits a list into the fewest chunks of at most `max`, of near-equal size. */
function chunks<T>(items: T[], max: number): T[][] {
  const count = Math.ceil(items.length / max);
  const size = Math.ceil(items.length / count);
  return Array.from({ length: count }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** A split area is labelled by the first letters it covers ("America A–L"), so a reader can find a city. */
function groupLabel(area: string, zones: string[], split: boolean): string {
  if (!split) return area;
  const letter = (zone: string) => zone.slice(area.length + 1, area.length + 2).toUpperCase();
  return `${area} ${letter(zones[0]!)}–${letter(zones[zones.length - 1]!)}`;
}

export function timeZoneOptionGroups(current: string): OptionGroup[] {
  const zones = runtimeZones();
  const pinned = ['UTC', ...(current !== 'UTC' && !zones.includes(current) ? [current] : [])];
  const byArea = new Map<string, string[]>();
  for (const zone of zones) {
    if (zone === 'UTC') continue;
    const area = zone.includes('/') ? zone.slice(0, zone.indexOf('/')) : 'Other';
    byArea.set(area, [...(byArea.get(area) ?? []), zone]);
  }
  const groups: OptionGroup[] = [{ label: plain(pinned.length > 1 ? 'UTC and this channel’s zone' : 'UTC'), options: pinned.map(zoneOption) }];
  for (const [area, list] of byArea) {
    const parts = chunks(list, GROUP_MAX);
    for (const part of parts) groups.push({ label: plain(groupLabel(area, part, parts.length > 1)), options: part.map(zoneOption) });
  }
  return groups;
}
