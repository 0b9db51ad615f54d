// A page may load the element's module twice (two bundles, two copies in node_modules): the second registration is a
// no-op, and the first definition stays.
import { expect } from '@open-wc/testing';
import { ApiVideoUploader } from '../../src/index.js';
import { defineElement } from '../../src/element/define.js';

describe('<apivideo-uploader> registration', () => {
  it('keeps the first definition when the name is defined again', () => {
    class Another extends HTMLElement {}
    let defined: boolean | undefined;
    expect(() => (defined = defineElement('apivideo-uploader', Another))).to.not.throw();
    expect(defined).to.equal(false);
    expect(customElements.get('apivideo-uploader')).to.equal(ApiVideoUploader);
    expect(document.createElement('apivideo-uploader')).to.be.instanceOf(ApiVideoUploader);
  });

  it('loads a second copy of the element module without throwing', async () => {
    // Another URL is another module to the browser: evaluated again, with a class of its own, as a second bundle is.
    const url = new URL('../../src/element/apivideo-uploader.ts', import.meta.url);
    url.search = '?second-copy';
    const copy = (await import(url.href)) as { ApiVideoUploader: CustomElementConstructor };
    expect(copy.ApiVideoUploader).to.be.a('function');
    expect(copy.ApiVideoUploader).to.not.equal(ApiVideoUploader);
    expect(customElements.get('apivideo-uploader')).to.equal(ApiVideoUploader);
  });

  it('defines a name not yet taken', () => {
    class Fresh extends HTMLElement {}
    const name = `apivideo-define-${Math.random().toString(36).slice(2)}`;
    expect(defineElement(name, Fresh)).to.equal(true);
    expect(customElements.get(name)).to.equal(Fresh);
  });
});
