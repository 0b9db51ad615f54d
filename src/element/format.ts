// Sizes, speeds and durations in the reader's language. Decimal units (1 MB = 1 000 000 bytes),
// as operating systems show file sizes to people.

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

// Building an Intl.NumberFormat costs far more than formatting with one, and the stats line renders on every progress
// event: one formatter per language and options, kept for the page's life (a handful of units and languages at most).
const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(
  lang: string,
  unit: string,
  unitDisplay: 'long' | 'short',
  maximumFractionDigits?: number,
): Intl.NumberFormat {
  const key = `${lang}|${unit}|${unitDisplay}|${maximumFractionDigits ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay, maximumFractionDigits });
    formatters.set(key, format);
  }
  return format;
}

function scaled(value: number): { amount: number; unit: (typeof SIZE_UNITS)[number] } {
  let amount = Math.max(0, value);
  let index = 0;
  while (amount >= 1000 && index < SIZE_UNITS.length - 1) {
    amount /= 1000;
    index++;
  }
  return { amount, unit: SIZE_UNITS[index] };
}

function fractionDigits(amount: number, unit: string): number {
  if (unit === 'byte') return 0;
  return amount < 10 ? 1 : 0;
}

/** `12345678` → `12 MB` (`12 Mo` in French). */
export function formatBytes(bytes: number, lang: string): string {
  const { amount, unit } = scaled(bytes);
  // The short form of a lone byte is "byte" even in the plural; the long form reads "999 bytes", "999 octets".
  return numberFormat(lang, unit, unit === 'byte' ? 'long' : 'short', fractionDigits(amount, unit)).format(amount);
}

/** Bytes per second → `3.2 MB/s`. */
export function formatSpeed(bytesPerSecond: number, lang: string): string {
  const { amount, unit } = scaled(bytesPerSecond);
  return numberFormat(lang, `${unit}-per-second`, 'short', fractionDigits(amount, unit)).format(amount);
}

/** Seconds → `1 h 5 min`, `3 min 20 s`, `45 s`: two units at most, enough for a time left. */
export function formatDuration(seconds: number, lang: string): string {
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    numberFormat(lang, name, 'short').format(value);
  if (hours > 0) return minutes > 0 ? `${unit(hours, 'hour')} ${unit(minutes, 'minute')}` : unit(hours, 'hour');
  if (minutes > 0) return secs > 0 ? `${unit(minutes, 'minute')} ${unit(secs, 'second')}` : unit(minutes, 'minute');
  return unit(secs, 'second');
}
