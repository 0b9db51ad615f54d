// The English words of uploads under way: their states, errors and announcements, a queue's rows, resume. They come
// with the list of uploads, which adds them to the English table (strings.ts holds the idle element's words).
import type { UploadStrings } from './strings.js';

export const uploadStrings: UploadStrings = {
  preparing: 'Preparing…',
  uploading: 'Uploading',
  paused: 'Paused',
  waitingForToken: 'On hold',
  uploadingPercent: (percent) => `Uploading… ${percent} %`,
  progressLabel: 'Upload progress',
  speedAndTimeLeft: (speed, timeLeft) => `${speed} · ${timeLeft} left`,
  speedOnly: (speed) => speed,
  cantReach: (host, seconds) => `Can’t reach ${host}, trying again in ${seconds} s`,
  retryingIn: (seconds) => `Trying again in ${seconds} s`,
  rateLimited: (seconds) => `api.video asked to slow down, sending again in ${seconds} s`,
  start: 'Upload',
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
  retry: 'Retry',
  startOver: 'Choose another file',
  uploadAnother: 'Upload another video',
  success: 'Upload complete',
  videoId: 'Video ID:',
  errorTitle: 'The upload failed',
  unavailable: 'Uploading is not available here yet.',
  readyToUpload: 'Ready to upload',
  rejectEmpty: 'This file is empty.',
  rejectType: (accept) => `This type of file is not accepted. Accepted: ${accept}.`,
  rejectSize: (size, max) => `This file is ${size}, more than the ${max} allowed.`,
  rejectDuration: (duration, max) => `This video lasts ${duration}, longer than the ${max} allowed.`,
  errorText: ({ code, status, reason }) => {
    switch (code) {
      case 'recording-failed':
        if (reason === 'refused') return 'Recording was not allowed. Allow the camera, microphone or screen in your browser and try again.';
        if (reason === 'no-device') return 'No camera or microphone was found. Plug one in and try again.';
        if (reason === 'in-use') return 'The camera or microphone is busy. Close the program using it and try again.';
        if (reason === 'unsupported') return 'This browser cannot record video.';
        return 'The recording failed. Try again.';
      case 'token-request-failed':
        if (reason === 'origin-refused') return 'This page is not allowed to upload videos. The site needs to allow it.';
        return reason === 'no-source' ? uploadStrings.unavailable : 'The upload could not start. Try again.';
      case 'token-rejected':
        return 'The upload stopped. Try again.';
      case 'token-expired':
        return 'The upload is on hold and will continue in a moment.';
      case 'network':
        return 'The connection was lost. Check it and try again.';
      case 'invalid-file':
        return 'This file cannot be uploaded.';
      case 'aborted':
        return 'The upload stopped.';
      case 'upload-failed':
        if (status === 429 || (status !== undefined && status >= 500)) return 'The upload stopped. Try again in a moment.';
        return status ? 'The video was not accepted.' : 'The upload stopped.';
    }
  },
  errorDetail: (detail) => `Details: “${detail}”`,
  announceStart: (fileName) => `Uploading ${fileName}`,
  announceProgress: (percent) => `${percent} % uploaded`,
  announcePause: 'Upload paused',
  announceResume: 'Upload resumed',
  announceCancel: 'Upload cancelled',
  announceError: (message) => `Upload failed: ${message}`,
  announceReject: (message) => `File not accepted: ${message}`,
  announceSuccess: 'Upload complete',
  rejectCount: (max) => (max === 1 ? 'Only one file can be added.' : `Only ${max} files can be added.`),
  queueLabel: 'Files',
  queued: 'Waiting',
  rejected: 'Not accepted',
  cancelled: 'Cancelled',
  clearList: 'Clear the list',
  queueProgress: (uploaded, files, percent) => `${uploaded} of ${files} uploaded · ${percent} %`,
  totalProgressLabel: 'Total upload progress',
  fileProgressLabel: (fileName) => `Upload progress of ${fileName}`,
  actionOnFile: (action, fileName) => `${action} ${fileName}`,
  announceFile: (fileName, message) => `${fileName}: ${message}`,
  announceQueueComplete: ({ succeeded, failed, cancelled, rejected }) =>
    `All files done: ${[
      `${succeeded} uploaded`,
      failed && `${failed} failed`,
      cancelled && `${cancelled} cancelled`,
      rejected && `${rejected} not accepted`,
    ]
      .filter(Boolean)
      .join(', ')}.`,
  resumeOffer: (fileName, percent) => `Resume upload of ${fileName} (${percent} %)`,
  forgetOffer: 'Forget',
  forgetOfferLabel: (fileName) => `Forget the unfinished upload of ${fileName}`,
  resumingAt: (percent) => `Resuming at ${percent} %`,
  notResumed: (reason) => {
    switch (reason) {
      case 'video-not-found':
        return 'The earlier upload of this file can’t be continued: its video no longer exists. Starting over.';
      case 'part-size-changed':
        return 'The earlier upload of this file can’t be continued: the part size has changed. Starting over.';
      case 'other-video':
        return 'The earlier upload of this file went into another video. Starting over.';
      case 'file-changed':
        return 'This file is not the one uploaded earlier under the same name: its content differs. Starting over in a new video.';
    }
  },
};
