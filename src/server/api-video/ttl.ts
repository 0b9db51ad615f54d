/** The longest token life api.video accepts, in seconds (a signed 32-bit integer). 0 means "never expires". */
export const MAX_TTL = 2147483647;

/** A ttl api.video accepts: whole seconds from 0 (never expires) to MAX_TTL. */
export function isTtl(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TTL;
}
