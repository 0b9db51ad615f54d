// The element's French strings: a chunk of their own, fetched only by a page whose element resolves to French (see
// `loaders` in strings.ts), so pages in other languages do not carry them.
import type { Strings } from './strings.js';

/** French participles agree in number: "1 envoyé", "2 envoyés" (0 takes the singular). */
const frenchPlural = (count: number) => (count > 1 ? 's' : '');

const fr: Strings = {
  prompt: 'Choisir une vidéo',
  dropOr: 'ou déposez-la ici',
  promptHint: 'Vous pouvez aussi coller un fichier.',
  limits: ({ size, duration }) =>
    [size && `Jusqu’à ${size}`, duration && `${size ? 'et ' : 'Jusqu’à '}${duration} de durée`]
      .filter(Boolean)
      .join(' ') + '.',
  dropHere: 'Déposez la vidéo pour l’envoyer',
  checking: 'Vérification du fichier…',
  chooseFile: 'Choisir un fichier vidéo',
  preparing: 'Préparation…',
  uploading: 'Envoi en cours',
  paused: 'En pause',
  waitingForToken: 'En attente',
  uploadingPercent: (percent) => `Envoi… ${percent} %`,
  progressLabel: 'Progression de l’envoi',
  speedAndTimeLeft: (speed, timeLeft) => `${speed} · encore ${timeLeft}`,
  speedOnly: (speed) => speed,
  cantReach: (host, seconds) => `Impossible de joindre ${host}, nouvel essai dans ${seconds}\u00a0s`,
  retryingIn: (seconds) => `Nouvel essai dans ${seconds}\u00a0s`,
  rateLimited: (seconds) => `api.video demande de ralentir, nouvel envoi dans ${seconds}\u00a0s`,
  start: 'Envoyer',
  pause: 'Pause',
  resume: 'Reprendre',
  cancel: 'Annuler',
  retry: 'Réessayer',
  startOver: 'Choisir un autre fichier',
  uploadAnother: 'Envoyer une autre vidéo',
  success: 'Envoi terminé',
  videoId: 'Identifiant de la vidéo\u00a0:',
  errorTitle: 'L’envoi a échoué',
  unavailable: 'L’envoi n’est pas encore disponible ici.',
  readyToUpload: 'Prêt à envoyer',
  rejectEmpty: 'Ce fichier est vide.',
  rejectType: (accept) => `Ce type de fichier n’est pas accepté. Acceptés : ${accept}.`,
  rejectSize: (size, max) => `Ce fichier fait ${size}, plus que les ${max} autorisés.`,
  rejectDuration: (duration, max) => `Cette vidéo dure ${duration}, plus que les ${max} autorisées.`,
  errorText: ({ code, status, reason }) => {
    switch (code) {
      case 'recording-failed':
        if (reason === 'refused') return 'L’enregistrement n’a pas été autorisé. Autorisez la caméra, le micro ou l’écran dans votre navigateur et réessayez.';
        if (reason === 'no-device') return 'Aucune caméra ni aucun micro n’a été trouvé. Branchez-en un et réessayez.';
        if (reason === 'in-use') return 'La caméra ou le micro est occupé. Fermez le programme qui l’utilise et réessayez.';
        if (reason === 'unsupported') return 'Ce navigateur ne peut pas enregistrer de vidéo.';
        return 'L’enregistrement a échoué. Réessayez.';
      case 'token-request-failed':
        if (reason === 'origin-refused') return 'Cette page n’est pas autorisée à envoyer des vidéos. Le site doit l’autoriser.';
        return reason === 'no-source' ? fr.unavailable : 'L’envoi n’a pas pu commencer. Réessayez.';
      case 'token-rejected':
        return 'L’envoi s’est arrêté. Réessayez.';
      case 'token-expired':
        return 'L’envoi est en attente et va reprendre dans un instant.';
      case 'network':
        return 'La connexion a été perdue. Vérifiez-la et réessayez.';
      case 'invalid-file':
        return 'Ce fichier ne peut pas être envoyé.';
      case 'aborted':
        return 'L’envoi s’est arrêté.';
      case 'upload-failed':
        if (status === 429 || (status !== undefined && status >= 500)) return 'L’envoi s’est arrêté. Réessayez dans un instant.';
        return status ? 'La vidéo n’a pas été acceptée.' : 'L’envoi s’est arrêté.';
    }
  },
  errorDetail: (detail) => `Détail\u00a0: « ${detail} »`,
  announceStart: (fileName) => `Envoi de ${fileName}`,
  announceProgress: (percent) => `${percent} % envoyés`,
  announcePause: 'Envoi en pause',
  announceResume: 'Envoi repris',
  announceCancel: 'Envoi annulé',
  announceError: (message) => `L’envoi a échoué : ${message}`,
  announceReject: (message) => `Fichier refusé : ${message}`,
  announceSuccess: 'Envoi terminé',
  promptMultiple: 'Choisir des vidéos',
  dropOrMultiple: 'ou déposez-les ici',
  promptHintMultiple: 'Vous pouvez aussi coller des fichiers.',
  dropHereMultiple: 'Déposez les vidéos pour les envoyer',
  filesLimit: (max) => (max === 1 ? 'Un fichier au plus.' : `${max}\u00a0fichiers au plus.`),
  rejectCount: (max) => (max === 1 ? 'Un seul fichier peut être ajouté.' : `Pas plus de ${max}\u00a0fichiers.`),
  queueLabel: 'Fichiers',
  queued: 'En attente',
  rejected: 'Refusé',
  cancelled: 'Annulé',
  clearList: 'Vider la liste',
  queueProgress: (uploaded, files, percent) => `${uploaded} sur ${files} envoyé${frenchPlural(uploaded)} · ${percent} %`,
  totalProgressLabel: 'Progression totale de l’envoi',
  fileProgressLabel: (fileName) => `Progression de l’envoi de ${fileName}`,
  actionOnFile: (action, fileName) => `${action} ${fileName}`,
  announceFile: (fileName, message) => `${fileName}\u00a0: ${message}`,
  announceQueueComplete: ({ succeeded, failed, cancelled, rejected }) =>
    `Tous les fichiers sont traités\u00a0: ${[
      `${succeeded} envoyé${frenchPlural(succeeded)}`,
      failed && `${failed} en échec`,
      cancelled && `${cancelled} annulé${frenchPlural(cancelled)}`,
      rejected && `${rejected} refusé${frenchPlural(rejected)}`,
    ]
      .filter(Boolean)
      .join(', ')}.`,
  resumeOffer: (fileName, percent) => `Reprendre l’envoi de ${fileName} (${percent}\u00a0%)`,
  forgetOffer: 'Oublier',
  forgetOfferLabel: (fileName) => `Oublier l’envoi inachevé de ${fileName}`,
  resumingAt: (percent) => `Reprise à ${percent}\u00a0%`,
  notResumed: (reason) => {
    switch (reason) {
      case 'video-not-found':
        return 'L’envoi précédent de ce fichier ne peut pas continuer : sa vidéo n’existe plus. Nouvel envoi depuis le début.';
      case 'part-size-changed':
        return 'L’envoi précédent de ce fichier ne peut pas continuer : la taille des parties a changé. Nouvel envoi depuis le début.';
      case 'other-video':
        return 'L’envoi précédent de ce fichier allait dans une autre vidéo. Nouvel envoi depuis le début.';
      case 'file-changed':
        return 'Ce fichier n’est pas celui envoyé plus tôt sous le même nom : son contenu diffère. Nouvel envoi dans une nouvelle vidéo.';
    }
  },
  loadFailed: (code, again) => {
    const what = code === 'recording' ? 'L’enregistrement' : code === 'details' ? 'Le formulaire des détails' : 'L’outil d’envoi';
    return again
      ? `${what} ne se charge toujours pas. Vérifiez votre connexion, puis rechargez la page.`
      : `${what} n’a pas pu se charger. Vérifiez votre connexion et réessayez.`;
  },
  tryAgain: 'Réessayer',
  filesWaiting: (count, code) => {
    const [one, many] = code === 'upload' ? ['envoyé', 'envoyés'] : ['ajouté', 'ajoutés'];
    return count === 1 ? `Votre fichier sera ${one} dès qu’il sera chargé.` : `Vos ${count} fichiers seront ${many} dès qu’il sera chargé.`;
  },
  filesAgainAfterReload: (count) =>
    count === 1 ? 'Ajoutez de nouveau votre fichier après le rechargement.' : `Ajoutez de nouveau vos ${count} fichiers après le rechargement.`,
};

export default fr;
