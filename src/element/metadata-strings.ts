// The video details form's words, in the element's languages. Here and not in the element's table: they load with
// the form's code, only on pages that show it.
export interface MetadataStrings {
  legend: string;
  title: string;
  description: string;
  tags: string;
  tagsHint: string;
  save: string;
  saveAgain: string;
  saving: string;
  saved: string;
  unsaved: string;
  /** A save asked for before the video exists: it goes once the upload has made it. */
  waitingForVideo: string;
  required: (field: string) => string;
  tooLong: (field: string, max: number) => string;
  tooManyTags: (max: number) => string;
  notEditable: string;
  unreachable: string;
  refused: (words: string) => string;
  failed: (status: number) => string;
  chooseThumbnail: string;
  thumbnail: string;
  frameAt: (time: string) => string;
  decodingFrames: string;
  cannotDecode: string;
}

const en: MetadataStrings = {
  legend: 'Video details',
  title: 'Title',
  description: 'Description',
  tags: 'Tags',
  tagsHint: 'Separated by commas',
  save: 'Save details',
  saveAgain: 'Save again',
  saving: 'Saving…',
  saved: 'Details saved',
  unsaved: 'Not saved yet: saved when the upload ends',
  waitingForVideo: 'Saved as soon as the upload has started',
  required: (field) => `${field} is required.`,
  tooLong: (field, max) => `${field} must be at most ${max} characters.`,
  tooManyTags: (max) => `At most ${max} tags.`,
  notEditable: 'The details cannot be saved: this site does not let the page edit its videos.',
  unreachable: 'The details could not be saved: the site could not be reached. They are kept; try again.',
  refused: (words) => `The site refused the details: ${words}`,
  failed: (status) => `The details could not be saved (the site answered ${status}). They are kept; try again.`,
  chooseThumbnail: 'Choose a thumbnail',
  thumbnail: 'Thumbnail',
  frameAt: (time) => `Frame at ${time}`,
  decodingFrames: 'Reading frames of the video…',
  cannotDecode: 'This browser cannot show frames of this video.',
};

const fr: MetadataStrings = {
  legend: 'Détails de la vidéo',
  title: 'Titre',
  description: 'Description',
  tags: 'Mots-clés',
  tagsHint: 'Séparés par des virgules',
  save: 'Enregistrer les détails',
  saveAgain: 'Réessayer',
  saving: 'Enregistrement…',
  saved: 'Détails enregistrés',
  unsaved: 'Pas encore enregistrés : ils le seront à la fin de l’envoi',
  waitingForVideo: 'Enregistrés dès que l’envoi aura commencé',
  required: (field) => `${field} est obligatoire.`,
  tooLong: (field, max) => `${field} : ${max} caractères au plus.`,
  tooManyTags: (max) => `${max} mots-clés au plus.`,
  notEditable: 'Les détails ne peuvent pas être enregistrés : ce site ne permet pas à la page de modifier ses vidéos.',
  unreachable: 'Les détails n’ont pas pu être enregistrés : le site est injoignable. Ils sont conservés ; réessayez.',
  refused: (words) => `Le site a refusé les détails : ${words}`,
  failed: (status) => `Les détails n’ont pas pu être enregistrés (le site a répondu ${status}). Ils sont conservés ; réessayez.`,
  chooseThumbnail: 'Choisir une miniature',
  thumbnail: 'Miniature',
  frameAt: (time) => `Image à ${time}`,
  decodingFrames: 'Lecture des images de la vidéo…',
  cannotDecode: 'Ce navigateur ne peut pas afficher les images de cette vidéo.',
};

export function metadataStrings(lang: string): MetadataStrings {
  return lang.toLowerCase().startsWith('fr') ? fr : en;
}
