// The handle picker's types, from the element's `accept`: a pure function, tested in Node.
import { describe, expect, it } from 'vitest';
import { pickerTypes } from '../../src/element/file-handles.js';

describe('the handle picker for an accept value', () => {
  it('takes MIME types and wildcards as they are', () => {
    expect(pickerTypes('video/*', 'Video')).toEqual({
      types: [{ description: 'Video', accept: { 'video/*': [] } }],
      excludeAcceptAllOption: false,
    });
    expect(pickerTypes(' video/mp4, Video/WebM ', 'Video')?.types?.[0]?.accept).toEqual({ 'video/mp4': [], 'video/webm': [] });
    expect(pickerTypes('', 'Video')).toEqual({});
  });

  it('leaves extensions to the file input, where the picker would widen them', () => {
    expect(pickerTypes('.mp4', 'Video')).toBe(undefined);
    expect(pickerTypes('video/*,.mkv', 'Video')).toBe(undefined);
    expect(pickerTypes('video', 'Video')).toBe(undefined);
  });
});
