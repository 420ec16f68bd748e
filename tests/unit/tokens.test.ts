/** The design tokens agree with the colours the server paints cursors with, and hold every colour. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLE_COLOURS } from '../../shared/roleColours.js';

const tokens = readFileSync(path.resolve('client/src/tokens.css'), 'utf8');

function token(name: string): string | undefined {
  return new RegExp(`--${name}:\\s*([^;]+);`).exec(tokens)?.[1]?.trim();
}

describe('design tokens', () => {
  it('paints the partners in the colours the server gives their cursors', () => {
    for (const [role, colour] of Object.entries(ROLE_COLOURS)) {
      expect(token(role)?.toLowerCase(), `--${role}`).toBe(colour.toLowerCase());
    }
  });

  it('derives every tint of a role from its one token', () => {
    const tints = [...tokens.matchAll(/--(coach|teacher)-[\w-]+:\s*([^;]+);/g)];
    expect(tints.length).toBeGreaterThan(0);
    for (const [, role, value] of tints) expect(value).toContain(`var(--${role})`);
  });

  it('keeps colour literals in the tokens file only', () => {
    const sheets = readdirSync('client/src', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.css') && file !== 'tokens.css')
      .map((file) => path.join('client/src', file));
    expect(sheets.length).toBeGreaterThan(0);
    for (const file of sheets) {
      const css = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      expect(css.match(/#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/gi), file).toBeNull();
    }
  });
});
