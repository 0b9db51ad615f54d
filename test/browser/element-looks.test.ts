// What the page passes into the element's look and what it does not, in every engine: font family, size and
// direction come in; an ancestor's other text styles stop at the host. And the theme attribute picks the colours.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ApiVideoUploader } from '../../src/index.js';
import { part } from './support.js';

const loudPage = [
  'font-family: serif',
  'font-size: 20px',
  'font-weight: 700',
  'font-style: italic',
  'text-align: justify',
  'text-indent: 40px',
  'letter-spacing: 4px',
  'word-spacing: 9px',
  'text-transform: uppercase',
  'line-height: 3',
  'white-space: pre',
].join('; ');

describe('<apivideo-uploader> looks', () => {
  it('takes the page\'s font family and root font size, and none of its other text styles', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style=${loudPage}><apivideo-uploader></apivideo-uploader></div>`);
    const el = wrapper.querySelector<ApiVideoUploader>('apivideo-uploader')!;
    await el.updateComplete;
    const hint = getComputedStyle(part(el, 'hint')!);
    expect(hint.fontFamily).to.equal(getComputedStyle(wrapper).fontFamily);
    // The size is the page's root size (1rem), not the loud parent's 20px: the hint is 0.875 of it.
    const root = parseFloat(getComputedStyle(document.documentElement).fontSize);
    expect(hint.fontSize).to.equal(`${root * 0.875}px`);
    expect(hint.fontStyle).to.equal('normal');
    expect(hint.letterSpacing).to.equal('normal');
    expect(hint.wordSpacing).to.equal('0px');
    expect(hint.textTransform).to.equal('none');
    expect(hint.whiteSpace).to.equal('normal');
    expect(hint.textIndent).to.equal('0px');
    expect(parseFloat(hint.lineHeight)).to.be.closeTo(root * 0.875 * 1.4, 0.5);
    const host = getComputedStyle(el);
    expect(host.fontWeight).to.equal('400');
    expect(['start', 'left']).to.include(host.textAlign);
  });

  it('paints the dark palette with theme="dark" and the light one with theme="light"', async () => {
    const dark = await fixture<ApiVideoUploader>(html`<apivideo-uploader theme="dark"></apivideo-uploader>`);
    expect(getComputedStyle(part(dark, 'base')!).backgroundColor).to.equal('rgb(24, 24, 27)');
    expect(getComputedStyle(dark).color).to.equal('rgb(244, 244, 245)');
    const light = await fixture<ApiVideoUploader>(html`<apivideo-uploader theme="light"></apivideo-uploader>`);
    expect(getComputedStyle(part(light, 'base')!).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(light).color).to.equal('rgb(31, 41, 55)');
  });

  it('lets a page\'s custom property win in either theme', async () => {
    const el = await fixture<ApiVideoUploader>(
      html`<apivideo-uploader theme="dark" style="--apivideo-uploader-background: rgb(1, 2, 3)"></apivideo-uploader>`,
    );
    expect(getComputedStyle(part(el, 'base')!).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('reflects the theme property to its attribute', async () => {
    const el = await fixture<ApiVideoUploader>(html`<apivideo-uploader></apivideo-uploader>`);
    expect(el.hasAttribute('theme')).to.equal(false);
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).to.equal('dark');
  });
});
