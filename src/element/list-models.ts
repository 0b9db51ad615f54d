// The views' models of the list of uploads: the single view's (a list of one: its entry's upload) and the queue's
// (every entry's row, and the total), each over the element's own part (drop zone, resume offers, language).
import type { QueueViewModel } from './queue-views.js';
import type { UploadList } from './upload-list.js';
import type { ViewModel } from './views.js';

/** What the single view shows of the list of one's upload. */
type OneUpload = Pick<
  ViewModel,
  'state' | 'file' | 'checking' | 'progress' | 'shownProgress' | 'retrying' | 'error' | 'errorText' | 'rejection' | 'video' | 'resumingAt' | 'notResumed' | 'poster'
>;
/** What the queue's view shows of its uploads. */
type QueueUploads = Pick<
  QueueViewModel,
  'multiple' | 'checking' | 'rejection' | 'rows' | 'totals' | 'shownTotals' | 'canUpload' | 'canClear'
>;

/** A file's poster frame, once decoded (PosterFrames). */
type PosterOf = (file: File) => string | undefined;

export function oneViewModel(list: UploadList, element: Omit<ViewModel, keyof OneUpload>, posterOf: PosterOf): ViewModel {
  const only = list.only;
  const controller = only?.controller;
  const snapshot = controller?.snapshot;
  return {
    ...element,
    resumingAt: snapshot?.resumedAt,
    notResumed: snapshot?.notResumed,
    state: list.state,
    file: list.file,
    checking: only?.phase === 'checking',
    progress: controller?.progress,
    shownProgress: controller?.shownProgress,
    retrying: controller?.retrying,
    error: controller?.error,
    errorText: controller?.errorText?.(element.localize.strings),
    rejection: list.notice,
    video: controller?.video,
    poster: list.file && posterOf(list.file),
  };
}

export function queueViewModel(list: UploadList, element: Omit<QueueViewModel, keyof QueueUploads>, posterOf: PosterOf): QueueViewModel {
  const rows = list.rows.map((entry) => ({ ...entry.row(element.localize.strings), poster: entry.recording ? undefined : posterOf(entry.file) }));
  return {
    ...element,
    multiple: true,
    checking: false,
    rejection: list.notice,
    rows,
    totals: list.totals,
    shownTotals: list.shownTotals,
    canUpload: list.hasReady,
    canClear: rows.length > 0 && !list.busy,
  };
}
