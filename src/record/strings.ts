// The recording panel's words, in the element's languages. Here and not in the element's table: they load with the
// recording code, only on pages that record.
export interface RecordingStrings {
  recordCamera: string;
  recordScreen: string;
  microphone: string;
  stop: string;
  recording: (elapsed: string) => string;
  sent: (sent: string, recorded: string) => string;
  /** A part waits out an outage (no network, api.video answering 5xx or 429): nothing is lost, it goes later. */
  waiting: string;
  download: string;
  preview: string;
  leftover: (name: string) => string;
  discard: string;
}

const en: RecordingStrings = {
  recordCamera: 'Record from camera',
  recordScreen: 'Record the screen',
  microphone: 'Microphone',
  stop: 'Stop recording',
  recording: (elapsed) => `Recording ${elapsed}`,
  sent: (sent, recorded) => `${sent} of ${recorded} sent`,
  waiting: 'The upload is waiting for the network or for api.video. The recording goes on; nothing is lost.',
  download: 'Download the recording',
  preview: 'Recording preview',
  leftover: (name) => `Download ${name}, recorded before the page was left and not uploaded`,
  discard: 'Discard',
};

const fr: RecordingStrings = {
  recordCamera: 'Filmer avec la caméra',
  recordScreen: 'Enregistrer l’écran',
  microphone: 'Micro',
  stop: 'Arrêter l’enregistrement',
  recording: (elapsed) => `Enregistrement ${elapsed}`,
  sent: (sent, recorded) => `${sent} envoyés sur ${recorded}`,
  waiting: 'L’envoi attend le réseau ou api.video. L’enregistrement continue ; rien n’est perdu.',
  download: 'Télécharger l’enregistrement',
  preview: 'Aperçu de l’enregistrement',
  leftover: (name) => `Télécharger ${name}, enregistré avant de quitter la page et non envoyé`,
  discard: 'Supprimer',
};

export function recordingStrings(lang: string): RecordingStrings {
  return lang.toLowerCase().startsWith('fr') ? fr : en;
}
