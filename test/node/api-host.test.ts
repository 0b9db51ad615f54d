// api-host: what it accepts, what it refuses as a configuration error, and how a person reads it.
import { describe, expect, it } from 'vitest';
import { checkedApiHost, displayHost } from '../../src/upload/api-host.js';

describe('api-host', () => {
  it('takes a host name, or a full http(s) URL as it is; none means ws.api.video', () => {
    expect(checkedApiHost(undefined)).toBe('ws.api.video');
    expect(checkedApiHost('  ')).toBe('ws.api.video');
    expect(checkedApiHost('sandbox.api.video')).toBe('sandbox.api.video');
    expect(checkedApiHost('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(checkedApiHost('https://uploads.example.com/api.video')).toBe('https://uploads.example.com/api.video');
  });

  it('refuses a host:port, an IP address or localhost without a scheme, saying what to write', () => {
    for (const host of ['127.0.0.1:8787', 'localhost:5173', '10.0.0.2', 'localhost', 'uploads.example.com:8443']) {
      expect(() => checkedApiHost(host)).toThrow(new RegExp(`api-host "${host}" has no scheme: write http://${host}`));
    }
  });

  it('refuses what is not a host name', () => {
    expect(() => checkedApiHost('ws.api.video/upload?x')).toThrow(/is not a host name or an http\(s\) URL/);
  });

  it('names the host a person recognises', () => {
    expect(displayHost(undefined)).toBe('ws.api.video');
    expect(displayHost('http://127.0.0.1:8787/api.video')).toBe('127.0.0.1:8787');
    expect(displayHost('sandbox.api.video')).toBe('sandbox.api.video');
  });
});
