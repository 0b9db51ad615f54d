// The video details editor in Node, on scripted answers: when a save goes (asked for, or at the upload's end), what it
// sends, and that nothing typed is lost when it fails. The form and the real request are tested in every engine
// against the token handler and the emulator (test/browser/element-metadata.test.ts).
import { describe, expect, it } from 'vitest';
import type { MetadataErrorEvent, MetadataSaveEvent } from '../../src/events/index.js';
import { MetadataEditor } from '../../src/element/metadata-editor.js';
import type { EditOutcome, VideoEdit } from '../../src/element/metadata-request.js';
import { metadataRules, problemsOf, tagsOf, timecodeOf, draftOf } from '../../src/element/metadata-rules.js';
import { metadataStrings } from '../../src/element/metadata-strings.js';
import type { EditableVideo } from '../../src/upload/types.js';

const file = new File(['x'], 'clip.mp4');
const target: EditableVideo = { videoId: 'viEdit1', capability: 'v1.cap' };

function editorWith(answers: EditOutcome[], settings: Parameters<typeof metadataRules>[0] = { fields: 'title description tags thumbnail' }) {
  const sent: VideoEdit[] = [];
  const events: (MetadataSaveEvent | MetadataErrorEvent)[] = [];
  const pending: Array<() => void> = [];
  let hold = false;
  const editor = new MetadataEditor({
    rules: () => metadataRules(settings),
    strings: () => metadataStrings('en'),
    send: async (to, edit) => {
      expect(to).toEqual(target);
      sent.push(edit);
      if (hold) await new Promise<void>((resolve) => pending.push(resolve));
      return answers.shift() ?? { ok: true, video: edit.video };
    },
    emit: (event) => events.push(event),
    changed: () => undefined,
  });
  editor.reset(file, undefined);
  return { editor, sent, events, holdSends: () => (hold = true), release: () => pending.shift()?.(), types: () => events.map((e) => e.type) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('MetadataEditor', () => {
  it('saves at the upload’s end what was typed and never saved, once the video is known', async () => {
    const { editor, sent, types, events } = editorWith([]);
    editor.follow({ file, state: 'uploading' });
    editor.set('title', '  My   holiday ');
    editor.set('tags', 'sea, sun, sea,  ');
    editor.follow({ file, state: 'uploading', editable: target });
    expect(sent).toHaveLength(0);
    editor.follow({ file, state: 'success', editable: target });
    await settle();
    expect(sent).toEqual([{ video: { title: 'My holiday', description: '', tags: ['sea', 'sun'] } }]);
    expect(types()).toEqual(['metadata-save']);
    expect((events[0] as MetadataSaveEvent).detail).toMatchObject({ videoId: 'viEdit1', file, video: { title: 'My holiday' } });
    expect(editor.status).toBe('saved');
    // The end is seen once: nothing goes again.
    editor.follow({ file, state: 'success', editable: target });
    await settle();
    expect(sent).toHaveLength(1);
  });

  it('a save asked for before the video exists goes once the token source names it', async () => {
    const { editor, sent } = editorWith([]);
    editor.set('title', 'Early');
    await editor.save();
    expect(editor.status).toBe('waiting');
    expect(sent).toHaveLength(0);
    editor.follow({ file, state: 'uploading', editable: target });
    await settle();
    expect(sent).toEqual([{ video: { title: 'Early', description: '', tags: [] } }]);
    expect(editor.status).toBe('saved');
  });

  it('an edit made while a save is on its way goes after it', async () => {
    const { editor, sent, holdSends, release } = editorWith([]);
    editor.follow({ file, state: 'uploading', editable: target });
    holdSends();
    editor.set('title', 'One');
    const first = editor.save();
    editor.set('title', 'Two');
    void editor.save();
    expect(sent).toHaveLength(1);
    release();
    await settle();
    // The second edit is on its way only once the first has come back.
    expect(sent.map((edit) => edit.video.title)).toEqual(['One', 'Two']);
    release();
    await first;
    expect(sent.map((edit) => edit.video.title)).toEqual(['One', 'Two']);
    expect(editor.status).toBe('saved');
  });

  it('keeps what was typed when the backend refuses or cannot be reached, and saves it again when asked', async () => {
    const refused: EditOutcome = { ok: false, code: 'refused', status: 403, message: 'The site refused the details: expired' };
    const unreachable: EditOutcome = { ok: false, code: 'network', message: 'unreachable' };
    const { editor, sent, events } = editorWith([refused, unreachable]);
    editor.follow({ file, state: 'uploading', editable: target });
    editor.set('description', 'Kept');
    await editor.save();
    expect(editor.status).toBe('error');
    expect(editor.message).toBe('The site refused the details: expired');
    expect((events[0] as MetadataErrorEvent).detail).toMatchObject({ code: 'refused', status: 403, videoId: 'viEdit1' });
    await editor.save();
    expect((events[1] as MetadataErrorEvent).detail.code).toBe('network');
    expect(editor.draft.description).toBe('Kept');
    await editor.save();
    expect(editor.status).toBe('saved');
    expect(sent.map((edit) => edit.video.description)).toEqual(['Kept', 'Kept', 'Kept']);
  });

  it('sends nothing while a field breaks a restriction, and says which', async () => {
    const { editor, sent, events } = editorWith([], { fields: 'title tags', required: 'title', maxTags: 2 });
    editor.follow({ file, state: 'uploading', editable: target });
    editor.set('tags', 'a, b, c');
    await editor.save();
    expect(sent).toHaveLength(0);
    expect(editor.problems).toEqual({ title: 'Title is required.', tags: 'At most 2 tags.' });
    expect((events[0] as MetadataErrorEvent).detail).toMatchObject({ code: 'invalid', field: 'title', message: 'Title is required.' });
    // The problems follow the typing once shown.
    editor.set('title', 'Named');
    expect(editor.problems).toEqual({ tags: 'At most 2 tags.' });
    editor.set('tags', 'a, b');
    await editor.save();
    expect(sent).toEqual([{ video: { title: 'Named', tags: ['a', 'b'] } }]);
  });

  it('says the details cannot be saved when the upload ended with no video to edit', async () => {
    const { editor, sent, events } = editorWith([]);
    editor.set('title', 'Orphan');
    editor.follow({ file, state: 'success' });
    await settle();
    expect(sent).toHaveLength(0);
    expect((events[0] as MetadataErrorEvent).detail.code).toBe('not-editable');
    expect(editor.draft.title).toBe('Orphan');
  });

  it('follows only its own file: another file starts the form again from the page’s values', () => {
    const { editor } = editorWith([]);
    editor.set('title', 'First file');
    const other = new File(['y'], 'other.mp4');
    editor.follow({ file: other, state: 'uploading', editable: target });
    expect(editor.draft.title).toBe('First file');
    editor.reset(other, { title: 'Prefilled', tags: ['a'] });
    expect(editor.draft).toEqual({ title: 'Prefilled', description: '', tags: 'a' });
    expect(editor.dirty).toBe(true);
    // The page's values again: they fill the form until the person types, then what they typed wins.
    editor.fill({ title: 'Second prefill' });
    expect(editor.draft.title).toBe('Second prefill');
    editor.set('title', 'Typed');
    editor.fill({ title: 'Third prefill' });
    expect(editor.draft.title).toBe('Typed');
  });

  it('sends the chosen frame’s timecode with the fields', async () => {
    const { editor, sent } = editorWith([]);
    editor.follow({ file, state: 'uploading', editable: target });
    editor.set('thumbnailTimecode', timecodeOf(3.25));
    await editor.save();
    expect(sent[0]).toEqual({ video: { description: '', tags: [] }, thumbnailTimecode: '00:00:03.250' });
  });
});

describe('metadata rules', () => {
  it('reads the fields and limits, capped at what api.video takes', () => {
    expect(metadataRules({ fields: 'tags title bogus title', required: 'title thumbnail', maxTitleLength: 999, maxTags: 3 })).toEqual({
      fields: ['tags', 'title'],
      required: ['title'],
      maxTitleLength: 255,
      maxDescriptionLength: 5000,
      maxTags: 3,
    });
  });

  it('counts characters, not UTF-16 units, and splits tags on commas', () => {
    const rules = metadataRules({ fields: 'title', maxTitleLength: 3 });
    const strings = metadataStrings('en');
    expect(problemsOf(draftOf({ title: '🎬🎬🎬' }), rules, strings)).toEqual({});
    expect(problemsOf(draftOf({ title: '🎬🎬🎬🎬' }), rules, strings)).toEqual({ title: 'Title must be at most 3 characters.' });
    expect(tagsOf(' a ,b,, a,  c  d ')).toEqual(['a', 'b', 'c d']);
  });

  it('writes timecodes as api.video reads them', () => {
    expect(timecodeOf(0)).toBe('00:00:00.000');
    expect(timecodeOf(3723.4567)).toBe('01:02:03.457');
  });
});
