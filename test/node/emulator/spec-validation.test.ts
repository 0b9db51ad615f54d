// The schema check the other emulator tests rely on must be able to fail, or it proves nothing.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectSpecBody, schemaFor, specFile } from './support.js';

describe('where the spec is read from', () => {
  it('falls back to the tracked copy in a clean clone with no ../shared beside it', () => {
    const outside = mkdtempSync(join(tmpdir(), 'clean-clone-'));
    try {
      const root = join(outside, 'repo');
      expect(specFile(root)).toBe(resolve(root, 'test/fixtures/apivideo-openapi.yaml'));
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('has a tracked copy identical to the spec in use', () => {
    const tracked = resolve(import.meta.dirname, '../../fixtures/apivideo-openapi.yaml');
    expect(existsSync(tracked)).toBe(true);
    const used = readFileSync(specFile(), 'utf8');
    expect(readFileSync(tracked, 'utf8')).toBe(used);
  });
});

describe('OpenAPI body validation', () => {
  it('finds the schemas the spec gives per route and status', () => {
    expect(schemaFor('POST', '/upload-tokens', 200)).toBe('upload-token');
    expect(schemaFor('POST', '/upload', 201)).toBe('video');
    expect(schemaFor('GET', '/videos/{videoId}/status', 200)).toBe('video-status');
    expect(schemaFor('POST', '/upload', 401)).toBeUndefined();
  });

  it('rejects bodies that do not fit', () => {
    expect(() => expectSpecBody('POST', '/upload-tokens', 200, { token: 'to1', ttl: -1 })).toThrow();
    expect(() => expectSpecBody('POST', '/upload-tokens', 200, { token: 'to1', ttl: 1, createdAt: 'yesterday' })).toThrow();
    expect(() => expectSpecBody('POST', '/upload', 201, { title: 'no videoId' })).toThrow();
    expect(() => expectSpecBody('GET', '/upload-tokens', 200, { data: [] })).toThrow();
    expect(() => expectSpecBody('POST', '/upload', 401, { title: 'no type', status: 401 })).toThrow();
    expect(() => expectSpecBody('POST', '/upload', 400, { type: 'https://docs.api.video/reference/x', title: 't', status: '400' })).toThrow();
  });

  it('accepts the spec’s own shapes', () => {
    expectSpecBody('POST', '/upload-tokens', 200, { token: 'to1tcmSFHeYY5KzyhOqVKMKb', ttl: 0, createdAt: '2020-12-02T10:13:19+00:00', expiresAt: null });
  });
});
