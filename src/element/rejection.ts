// Why a file was refused, in the element's language: one sentence per restriction, for the single file and for each
// file of the queue alike.
import type { FileCheck } from './file-checks.js';
import type { LocalizeController } from './localize.js';

export function rejectionMessage(
  localize: LocalizeController,
  accept: string,
  check: Exclude<FileCheck, { ok: true }>,
): string {
  const { strings } = localize;
  switch (check.reason) {
    case 'empty':
      return strings.rejectEmpty;
    case 'type':
      return strings.rejectType(accept);
    case 'size':
      return strings.rejectSize(localize.bytes(check.size), localize.bytes(check.max));
    case 'duration':
      return strings.rejectDuration(localize.duration(check.duration), localize.duration(check.max));
  }
}
