/** The `OIDC_*` settings: all three of issuer, client id and secret or none; the display name's default; domains. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_OIDC_DISPLAY_NAME, loadConfig } from '../../server/config.js';

const base = () => ({
  DATA_DIR: mkdtempSync(path.join(tmpdir(), 'tandem-config-')),
  SESSION_SECRET: 'a-secret-of-at-least-thirty-two-characters',
});
const provider = {
  OIDC_ISSUER_URL: 'https://accounts.google.com',
  OIDC_CLIENT_ID: 'client',
  OIDC_CLIENT_SECRET: 'secret',
};

describe('OpenID Connect configuration', () => {
  it('is off without settings, and with empty ones', () => {
    expect(loadConfig(base()).oidc).toBeNull();
    expect(loadConfig({ ...base(), OIDC_ISSUER_URL: '', OIDC_CLIENT_ID: ' ', OIDC_CLIENT_SECRET: '' }).oidc).toBeNull();
  });

  it('takes all three, with the default button words and any domain', () => {
    expect(loadConfig({ ...base(), ...provider }).oidc).toEqual({
      issuerUrl: 'https://accounts.google.com',
      clientId: 'client',
      clientSecret: 'secret',
      displayName: DEFAULT_OIDC_DISPLAY_NAME,
      allowedDomains: [],
    });
  });

  it('reads the button words and the allowed domains, lower-cased and trimmed', () => {
    const oidc = loadConfig({
      ...base(),
      ...provider,
      OIDC_DISPLAY_NAME: 'Sign in with Hillside',
      OIDC_ALLOWED_DOMAINS: ' Hillside.org, @staff.hillside.org ',
    }).oidc;
    expect(oidc?.displayName).toBe('Sign in with Hillside');
    expect(oidc?.allowedDomains).toEqual(['hillside.org', 'staff.hillside.org']);
  });

  it('refuses part of a provider, a bad issuer and a bad domain, naming them', () => {
    expect(() => loadConfig({ ...base(), OIDC_ISSUER_URL: provider.OIDC_ISSUER_URL })).toThrow(
      /set all three, or none/,
    );
    expect(() => loadConfig({ ...base(), ...provider, OIDC_ISSUER_URL: 'accounts.google.com' })).toThrow(
      /OIDC_ISSUER_URL/,
    );
    expect(() => loadConfig({ ...base(), ...provider, OIDC_ALLOWED_DOMAINS: 'school.org, not a domain' })).toThrow(
      ConfigError,
    );
  });
});
