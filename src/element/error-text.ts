// An error as the element words it: the visitor's sentence in the element's language (the strings table's, then the
// other side's own words where they are for the visitor), and the developer's line in the console. Loaded with the
// list of uploads: nothing fails before a file is given.
import type { UploadErrorDetail } from '../events/index.js';
import type { Strings } from './strings.js';

/** The text shown for an error in the given language: the table's sentence, then the other side's words quoted. */
export function errorMessage(strings: Strings, error: UploadErrorDetail): string {
  const text = strings.errorText(error);
  return visitorDetail(error) ? `${text} ${strings.errorDetail(error.detail!)}` : text;
}

/**
 * Whether the other side's own words are for the visitor: a site's token endpoint or provider refusing ("You must be
 * signed in to upload videos") speaks to its visitors; api.video's titles speak to developers, so they go to the
 * console and the event's `detail` only.
 */
function visitorDetail(error: UploadErrorDetail): boolean {
  return Boolean(error.detail) && error.code === 'token-request-failed' && (error.reason === 'status' || error.reason === 'provider');
}

/** The developer's account of an error, for the console: the code, reason and status, the English message, the detail. */
export function errorLogLine(tagName: string, error: UploadErrorDetail): string {
  const facts = [error.code, error.reason, error.status].filter((fact) => fact !== undefined).join(' ');
  return `<${tagName}> upload-error ${facts}: ${error.message}${error.detail ? ` “${error.detail}”` : ''}`;
}
