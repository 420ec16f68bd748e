/**
 * Cursor colours by role, so a partner's caret is recognisable at a glance and
 * matches the dot beside their name in the presence list. Both are dark enough
 * for white name labels to pass WCAG AA contrast. The server writes them into
 * every awareness state it relays, so a cursor's colour always tells the truth.
 * The stylesheets' --coach and --teacher tokens (client/src/tokens.css) are the
 * same colours; tests/unit/tokens.test.ts keeps them equal.
 */
import type { Role } from './api.js';

export const ROLE_COLOURS: Record<Role, string> = {
  coach: '#0f6e6e',
  teacher: '#8a3b7a',
};
