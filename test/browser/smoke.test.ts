import { expect } from '@open-wc/testing';

describe('the browser test setup', () => {
  it('runs in a real Chromium with Blob and crypto.subtle', async () => {
    expect(navigator.userAgent).to.contain('Chrome');
    const bytes = new TextEncoder().encode('abc');
    const digest = await crypto.subtle.digest('SHA-256', new Blob([bytes]).size === 3 ? bytes : new Uint8Array());
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    expect(hex).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
