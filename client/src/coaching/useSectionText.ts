/** The live plain text of one section of the meeting's Y.Doc, as the server reads it. */
import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { sectionText } from '../../../shared/docText.js';
import type { SectionId } from '../../../shared/sections.js';

export function useSectionText(doc: Y.Doc | null, sectionId: SectionId): string {
  return useSyncExternalStore(
    (onChange) => {
      if (!doc) return () => undefined;
      doc.on('update', onChange);
      return () => doc.off('update', onChange);
    },
    () => (doc ? sectionText(doc, sectionId) : ''),
  );
}
