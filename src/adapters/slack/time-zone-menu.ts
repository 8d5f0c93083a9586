// The time zones a digest modal offers, with no external data source: a fixed list of 95 widely used IANA zones
// covering the inhabited UTC offsets, grouped by area, plus the channel's current zone when it is another one. It
// stays within 100 options in all, the strictest reading of Slack's select limits (every IANA zone, ~420, would
// need option groups past that, which Slack's docs leave unclear). Any other zone is set with the text form,
// `digest subscribe <day> <time> <zone>`, and is then offered as the channel's own.
import { canonicalTimeZone } from '../../digest/delivery/schedule-time.ts';

const TEXT_MAX = 75;

const AREAS: readonly (readonly [string, readonly string[]])[] = [
  ['UTC', ['UTC']],
  [
    'Americas',
    [
      'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Phoenix', 'America/Denver',
      'America/Chicago', 'America/Mexico_City', 'America/Costa_Rica', 'America/New_York',
      'America/Bogota', 'America/Lima', 'America/Halifax', 'America/Caracas', 'America/Santiago',
      'America/Puerto_Rico', 'America/St_Johns', 'America/Sao_Paulo', 'America/Argentina/Buenos_Aires', 'America/Montevideo',
      'America/Noronha',
    ],
  ],
  [
    'Europe',
    [
      'Atlantic/Azores', 'Atlantic/Reykjavik', 'Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Madrid',
      'Europe/Paris', 'Europe/Brussels', 'Europe/Amsterdam', 'Europe/Berlin', 'Europe/Zurich', 'Europe/Rome', 'Europe/Vienna',
      'Europe/Prague', 'Europe/Warsaw', 'Europe/Copenhagen', 'Europe/Oslo', 'Europe/Stockholm', 'Europe/Helsinki', 'Europe/Athens', 'Europe/Bucharest', 'Europe/Sofia', 'Europe/Kyiv', 'Europe/Istanbul',
      'Europe/Minsk', 'Europe/Moscow',
    ],
  ],
  ['Africa', ['Africa/Casablanca', 'Africa/Lagos', 'Africa/Accra', 'Africa/Cairo', 'Africa/Johannesburg', 'Africa/Nairobi']],
  [
    'Asia',
    [
      'Asia/Jerusalem', 'Asia/Riyadh', 'Asia/Tehran', 'Asia/Dubai', 'Asia/Baku', 'Asia/Kabul', 'Asia/Karachi', 'Asia/Tashkent',
      'Asia/Yekaterinburg', 'Asia/Kolkata', 'Asia/Colombo', 'Asia/Kathmandu', 'Asia/Dhaka', 'Asia/Almaty', 'Asia/Yangon',
      'Asia/Bangkok', 'Asia/Ho_Chi_Minh', 'Asia/Jakarta', 'Asia/Novosibirsk', 'Asia/Singapore', 'Asia/Kuala_Lumpur', 'Asia/Manila',
      'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Seoul', 'Asia/Tokyo', 'Asia/Vladivostok',
    ],
  ],
  [
    'Australia and Pacific',
    [
      'Australia/Perth', 'Australia/Darwin', 'Australia/Adelaide', 'Australia/Brisbane', 'Australia/Sydney', 'Australia/Melbourne',
      'Australia/Hobart', 'Pacific/Guam', 'Pacific/Noumea', 'Pacific/Auckland', 'Pacific/Fiji', 'Pacific/Tongatapu', 'Pacific/Chatham',
      'Pacific/Kiritimati',
    ],
  ],
];

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

const plain = (text: string): PlainText => ({ type: 'plain_text', text: text.slice(0, TEXT_MAX) });

/** A zone as offered: shown by its current IANA name with spaces ("Asia/Ho Chi Minh"), valued as stored. */
const option = (shown: string, value: string): MenuOption => ({ text: plain(shown.replace(/_/g, ' ')), value });

let offered: OptionGroup[] | undefined;
/**
 * The list as this runtime spells it: each value is the name canonicalTimeZone gives, the spelling `digest
 * subscribe` stores (an ICU that knows Asia/Kolkata as Asia/Calcutta stores that), and a name it does not know
 * is left out.
 */
function offeredGroups(): OptionGroup[] {
  offered ??= AREAS.map(([area, zones]) => ({
    label: plain(area),
    options: zones.flatMap((zone) => {
      const canonical = canonicalTimeZone(zone);
      return canonical ? [option(zone, canonical)] : [];
    }),
  }));
  return offered;
}

/** The menu's option groups and the option for the channel's current zone, offered first when it is not listed. */
export function timeZoneMenu(current: string): { optionGroups: OptionGroup[]; initial: MenuOption } {
  const groups = offeredGroups();
  const listed = groups.flatMap((g) => g.options).find((o) => o.value === current);
  if (listed) return { optionGroups: groups, initial: listed };
  const own = option(current, current);
  return { optionGroups: [{ label: plain('This channel'), options: [own] }, ...groups], initial: own };
}
