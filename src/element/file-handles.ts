// Files that come with a handle the page may keep (the File System Access API, in Chromium): picked with
// showOpenFilePicker or dropped, their handle is stored with the resume record, and after a reload the file comes back
// on a click, without the file picker. Elsewhere there is no handle and the file input is used, as before; so too in a
// browser driven by a test tool, whose file-chooser interception sees only the file input's chooser.
// The API is not in TypeScript's DOM library; the few members used are typed here. Taking a kept handle's file back
// again is resume's, and comes with it (resume-controller.ts).

interface OpenFilePickerOptions {
  types?: { description?: string; accept: Record<string, string[]> }[];
  excludeAcceptAllOption?: boolean;
  multiple?: boolean;
}

type PickerWindow = Window & { showOpenFilePicker?: (options?: OpenFilePickerOptions) => Promise<FileSystemFileHandle[]> };
type HandleItem = DataTransferItem & { getAsFileSystemHandle?: () => Promise<FileSystemHandle | null> };

export type HandlePick = { file: File; handle: FileSystemFileHandle }[] | 'cancelled' | 'unavailable';

/**
 * The picker's types for an `accept` of MIME types (`video/*, video/mp4`); undefined when `accept` names extensions
 * (`.mp4`), which the picker can only take under a MIME type they would widen: the file input takes those.
 */
export function pickerTypes(accept: string, description: string): OpenFilePickerOptions | undefined {
  const tokens = accept.split(',').map((token) => token.trim().toLowerCase()).filter(Boolean);
  if (!tokens.length) return {};
  if (!tokens.every((token) => /^[a-z0-9!#$&^_.+-]+\/(\*|[a-z0-9!#$&^_.+-]+)$/.test(token))) return undefined;
  return { types: [{ description, accept: Object.fromEntries(tokens.map((token) => [token, []])) }], excludeAcceptAllOption: false };
}

/**
 * Whether the browser says it is under remote control (`navigator.webdriver`, which WebDriver, Puppeteer and
 * Playwright set). Their interception of the file chooser (Playwright's `filechooser`, Puppeteer's
 * `waitForFileChooser`, WebDriver BiDi's file dialog) sees the file input's chooser only, never showOpenFilePicker's: a
 * site's test that clicks the element and waits for the chooser would wait in vain. A visitor's browser never sets it.
 */
export function isAutomated(): boolean {
  return typeof navigator !== 'undefined' && navigator.webdriver === true;
}

/** Whether the element picks a file with a handle for `accept`: the page can, and no test tool waits for the chooser. */
export function canPickWithHandle(accept: string): boolean {
  return (
    typeof (window as PickerWindow).showOpenFilePicker === 'function' &&
    pickerTypes(accept, '') !== undefined &&
    !isAutomated()
  );
}

/**
 * Opens the handle picker (needs the click's user gesture), for one file or, with `multiple`, several. `unavailable`
 * when the page may not use it (a cross-origin frame, no gesture): the caller opens the file input instead.
 */
export async function pickWithHandles(accept: string, description: string, multiple: boolean): Promise<HandlePick> {
  const picker = (window as PickerWindow).showOpenFilePicker;
  const options = pickerTypes(accept, description);
  if (typeof picker !== 'function' || !options) return 'unavailable';
  let handles: FileSystemFileHandle[];
  try {
    handles = await picker.call(window, { ...options, multiple });
  } catch (error) {
    return (error as DOMException)?.name === 'AbortError' ? 'cancelled' : 'unavailable';
  }
  if (!handles.length) return 'cancelled';
  try {
    return await Promise.all(handles.map(async (handle) => ({ file: await handle.getFile(), handle })));
  } catch {
    return 'unavailable';
  }
}

/**
 * The handles of dropped files, in the order of the drop's files, where the browser gives them. Must be called while
 * the drop event is dispatched (its items are unreadable afterwards); the handles themselves arrive later.
 */
export function droppedHandles(transfer: DataTransfer | null | undefined): Promise<(FileSystemFileHandle | undefined)[]> {
  const items = [...(transfer?.items ?? [])].filter((entry) => entry.kind === 'file') as HandleItem[];
  return Promise.all(
    items.map((item) =>
      typeof item.getAsFileSystemHandle !== 'function'
        ? undefined
        : item
            .getAsFileSystemHandle()
            .then((handle) => (handle?.kind === 'file' ? (handle as FileSystemFileHandle) : undefined))
            .catch(() => undefined),
    ),
  );
}
