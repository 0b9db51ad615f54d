// The queue's rules without a browser: which files start under the concurrency limit, when the queue has drained and
// what it came to, the state shown for the whole queue, and its total progress.
import { describe, expect, it } from 'vitest';
import {
  QueueDrain,
  countsOf,
  filesToStart,
  isBusy,
  queueState,
  queueTotals,
  type QueueEntryState,
  type ScheduledFile,
} from '../../src/upload/queue.js';

const files = (...states: QueueEntryState[]): ScheduledFile[] => states.map((state) => ({ state }));

describe('the queue scheduler', () => {
  it('starts queued files, first come first, up to the concurrency', () => {
    const queue = files('queued', 'queued', 'queued');
    expect(filesToStart(queue, 2)).toEqual([queue[0], queue[1]]);
    expect(filesToStart(queue, 5)).toEqual(queue);
  });

  it('counts the files sending, and those waiting to send again by themselves, against the limit', () => {
    const queue = files('uploading', 'waiting-for-token', 'queued');
    expect(filesToStart(queue, 2)).toEqual([]);
    expect(filesToStart(files('preparing', 'queued', 'queued'), 2)).toHaveLength(1);
  });

  it('lets a file paused on request, failed or done leave its place, but not one paused by going offline', () => {
    const onRequest: ScheduledFile = { state: 'paused', pausedOnRequest: true };
    const offline: ScheduledFile = { state: 'paused', pausedOnRequest: false };
    const waiting: ScheduledFile = { state: 'queued' };
    expect(filesToStart([onRequest, waiting], 1)).toEqual([waiting]);
    expect(filesToStart([offline, waiting], 1)).toEqual([]);
    expect(filesToStart([...files('error', 'success', 'cancelled', 'rejected'), waiting], 1)).toEqual([waiting]);
  });

  it('starts nothing that is not queued, and reads a concurrency below 1 as 1', () => {
    expect(filesToStart(files('ready', 'checking', 'paused'), 3)).toEqual([]);
    const queue = files('queued', 'queued');
    expect(filesToStart(queue, 0)).toEqual([queue[0]]);
    expect(filesToStart(queue, Number.NaN)).toEqual([queue[0]]);
  });
});

describe('the queue draining', () => {
  it('is busy while a file is checked, ready, queued, sending or paused', () => {
    for (const state of ['checking', 'ready', 'queued', 'preparing', 'uploading', 'paused'] as const) {
      expect(isBusy(files('success', state)), state).toBe(true);
    }
    expect(isBusy(files('success', 'error', 'waiting-for-token', 'rejected', 'cancelled'))).toBe(false);
  });

  it('counts what the files came to; a file waiting for a new token counts as failed', () => {
    expect(countsOf(files('success', 'success', 'error', 'waiting-for-token', 'cancelled', 'rejected'))).toEqual({
      succeeded: 2,
      failed: 2,
      cancelled: 1,
      rejected: 1,
    });
  });

  it('reports once per drain, never for a queue that was never busy, and again after a retry drains', () => {
    const drain = new QueueDrain();
    expect(drain.check([])).toBeUndefined();
    expect(drain.check(files('success'))).toBeUndefined();
    expect(drain.check(files('uploading', 'checking'))).toBeUndefined();
    expect(drain.check(files('success', 'rejected'))).toEqual({ succeeded: 1, failed: 0, cancelled: 0, rejected: 1 });
    expect(drain.check(files('success', 'rejected'))).toBeUndefined();
    expect(drain.check(files('success', 'error'))).toBeUndefined();
    expect(drain.check(files('success', 'queued'))).toBeUndefined();
    expect(drain.check(files('success', 'success'))).toEqual({ succeeded: 2, failed: 0, cancelled: 0, rejected: 0 });
  });

  it('forgets a busy queue emptied without draining', () => {
    const drain = new QueueDrain();
    drain.check(files('uploading'));
    drain.reset();
    expect(drain.check([])).toBeUndefined();
  });
});

describe('the state of the whole queue', () => {
  it('shows the most pressing state: sending, waiting, paused, then how it ended', () => {
    expect(queueState(files('error', 'paused', 'uploading'))).toBe('uploading');
    expect(queueState(files('success', 'queued'))).toBe('preparing');
    expect(queueState(files('paused', 'error'))).toBe('paused');
    expect(queueState(files('waiting-for-token', 'error'))).toBe('waiting-for-token');
    expect(queueState(files('success', 'error', 'rejected'))).toBe('error');
    expect(queueState(files('success', 'rejected', 'cancelled'))).toBe('success');
    expect(queueState(files('ready', 'cancelled'))).toBe('idle');
    expect(queueState([])).toBe('idle');
  });
});

describe('the total progress', () => {
  it('adds up the bytes of the files being uploaded or done, not of those ready, rejected or cancelled', () => {
    const totals = queueTotals([
      { state: 'success', size: 400 },
      { state: 'uploading', size: 400, progress: { uploadedBytes: 100, bytesPerSecond: 50 } },
      { state: 'queued', size: 200 },
      { state: 'rejected', size: 9_000 },
      { state: 'cancelled', size: 9_000, progress: { uploadedBytes: 10, bytesPerSecond: 0 } },
      { state: 'ready', size: 9_000 },
    ]);
    expect(totals).toEqual({
      files: 3,
      succeeded: 1,
      uploadedBytes: 500,
      totalBytes: 1000,
      percent: 50,
      bytesPerSecond: 50,
      etaSeconds: 10,
    });
  });

  it('adds the speeds of the files sending at once, and does not wait for the bytes of a failed file', () => {
    const totals = queueTotals([
      { state: 'uploading', size: 1000, progress: { uploadedBytes: 500, bytesPerSecond: 100 } },
      { state: 'uploading', size: 1000, progress: { uploadedBytes: 500, bytesPerSecond: 150 } },
      { state: 'error', size: 1000, progress: { uploadedBytes: 0, bytesPerSecond: 300 } },
    ]);
    expect(totals).toMatchObject({ percent: 33, bytesPerSecond: 250, etaSeconds: 4 });
  });

  it('says 100 % only once every file is uploaded, not when the last bytes of files in flight are sent', () => {
    const sent = { uploadedBytes: 1000, bytesPerSecond: 10 };
    const totals = queueTotals([
      { state: 'success', size: 1000 },
      { state: 'uploading', size: 1000, progress: sent },
      { state: 'uploading', size: 1000, progress: sent },
    ]);
    expect(totals).toMatchObject({ succeeded: 1, uploadedBytes: 3000, percent: 99 });
    expect(queueTotals([{ state: 'success', size: 1000 }, { state: 'success', size: 1000 }])).toMatchObject({ percent: 100 });
  });

  it('has no time left before a speed is known, and nothing to count in an empty queue', () => {
    expect(queueTotals([{ state: 'preparing', size: 10 }])).toMatchObject({ etaSeconds: null, percent: 0 });
    expect(queueTotals([])).toMatchObject({ files: 0, percent: 0, etaSeconds: 0 });
  });
});
