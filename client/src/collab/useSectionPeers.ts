/**
 * Which section each other person's caret is in, from Yjs awareness. Lexical
 * publishes the caret as a relative position inside the section's XmlText; we
 * resolve it against the doc and climb to the top-level type, whose name is the
 * section id. This drives the "Jamie is here" note beside a section heading.
 */
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { isSectionId, type SectionId } from '../../../shared/sections.js';
import type { MeetingConnection } from './meetingConnection.js';

/** Someone else's caret: their name and the colour Lexical draws it in. */
export interface Peer {
  name: string;
  colour: string;
}

export type PeersBySection = Partial<Record<SectionId, Peer[]>>;

function topLevelName(doc: Y.Doc, type: Y.AbstractType<unknown>): string | null {
  let current: Y.AbstractType<unknown> = type;
  while (current.parent !== null) current = current.parent as Y.AbstractType<unknown>;
  for (const [name, shared] of doc.share) if (shared === current) return name;
  return null;
}

function sectionOf(doc: Y.Doc, position: unknown): SectionId | null {
  if (position === null || typeof position !== 'object') return null;
  try {
    const absolute = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(position), doc);
    if (absolute === null) return null;
    const name = topLevelName(doc, absolute.type);
    return name !== null && isSectionId(name) ? name : null;
  } catch {
    // A position we cannot resolve yet (its item has not arrived) just has no section.
    return null;
  }
}

function compute(connection: MeetingConnection): PeersBySection {
  const { awareness } = connection.provider;
  const result: PeersBySection = {};
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === connection.doc.clientID) continue;
    if (state.focusing !== true || typeof state.name !== 'string') continue;
    const section = sectionOf(connection.doc, state.focusPos ?? state.anchorPos);
    if (section === null) continue;
    const peers = (result[section] ??= []);
    const colour = typeof state.color === 'string' ? state.color : '';
    if (!peers.some((p) => p.name === state.name)) peers.push({ name: state.name, colour });
  }
  return result;
}

function same(a: PeersBySection, b: PeersBySection): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function useSectionPeers(connection: MeetingConnection | null): PeersBySection {
  const [peers, setPeers] = useState<{ connection: MeetingConnection | null; value: PeersBySection }>({
    connection,
    value: {},
  });

  useEffect(() => {
    if (connection === null) return;
    const update = () =>
      setPeers((prev) => {
        const value = compute(connection);
        return prev.connection === connection && same(prev.value, value) ? prev : { connection, value };
      });
    const { awareness } = connection.provider;
    awareness.on('change', update);
    // Positions can resolve only once the text they point into has arrived.
    connection.doc.on('update', update);
    update();
    return () => {
      awareness.off('change', update);
      connection.doc.off('update', update);
    };
  }, [connection]);

  return peers.connection === connection ? peers.value : {};
}
