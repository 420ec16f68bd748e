/**
 * One section of a meeting: its heading, toolbar and a Lexical rich-text
 * editor bound to the top-level `XmlText` named by the section id on the
 * meeting's shared Y.Doc. Content only ever comes from the document (no local
 * initial state, no bootstrap), so two people opening an empty meeting at the
 * same moment cannot both seed it.
 */
import { ListItemNode, ListNode } from '@lexical/list';
import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import type { Provider } from '@lexical/yjs';
import { useMemo, useRef, type ReactNode } from 'react';
import type * as Y from 'yjs';
import type { Section } from '../../../shared/sections.js';
import type { Peer } from '../collab/useSectionPeers.js';
import { EditablePlugin } from './EditablePlugin.js';
import { RegisterSectionEditor } from './sectionEditors.js';
import { SectionPeers } from './SectionPeers.js';
import { SectionToolbar } from './SectionToolbar.js';
import { editorTheme } from './theme.js';
import { UndrawableNode } from './UndrawableNode.js';

export type ProviderFactory = (id: string, yjsDocMap: Map<string, Y.Doc>) => Provider;

interface Props {
  meetingId: string;
  section: Section;
  providerFactory: ProviderFactory;
  userName: string;
  cursorColour: string;
  /** Other people whose caret is in this section. */
  peersHere: Peer[];
  /** True when changes could no longer be saved (the server closed the connection for good). */
  readOnly: boolean;
  /** Extra controls in the section's heading row, before the toolbar (which stays next to the text). */
  headAction?: ReactNode;
  /** Shown between the heading and the editor (e.g. last time's step). */
  above?: ReactNode;
  /** Shown under the editor (e.g. the PEERS check, agreement, rehearsals). */
  below?: ReactNode;
}

export function SectionEditor({
  meetingId,
  section,
  providerFactory,
  userName,
  cursorColour,
  peersHere,
  readOnly,
  headAction,
  above,
  below,
}: Props) {
  const headingId = `section-${section.id}-title`;
  const cursorsRef = useRef<HTMLDivElement | null>(null);

  const initialConfig = useMemo<InitialConfigType>(
    () => ({
      namespace: `tandem-${section.id}`,
      // UndrawableNode only shows what the editors cannot draw (drawableView.ts); it is never written.
      nodes: [ListNode, ListItemNode, UndrawableNode],
      theme: editorTheme,
      // Collaboration owns the content: Lexical must not create any of its own.
      editorState: null,
      onError(error: Error) {
        // Surfaces in the error boundary and the console; never swallowed.
        throw error;
      },
    }),
    [section.id],
  );

  return (
    <section className="section" aria-labelledby={headingId} data-section={section.id}>
      <LexicalComposer initialConfig={initialConfig}>
        <div className="section-head">
          <h2 id={headingId} className="section-title">
            {section.title}
          </h2>
          <SectionPeers peers={peersHere} />
          {headAction}
          <SectionToolbar sectionTitle={section.title} />
        </div>
        {above}
        <div className="editor-shell">
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                className="editor-input"
                aria-labelledby={headingId}
                aria-multiline={true}
                aria-placeholder={section.prompt}
                placeholder={<div className="editor-placeholder">{section.prompt}</div>}
              />
            }
            ErrorBoundary={LexicalErrorBoundary}
          />
          {/* Remote carets for this section are drawn here, positioned against the shell. */}
          <div ref={cursorsRef} className="editor-cursors" />
        </div>
        {below}
        <ListPlugin />
        <EditablePlugin editable={!readOnly} />
        <RegisterSectionEditor sectionId={section.id} />
        <CollaborationPlugin
          // One binding id per section (all mapped to the one meeting doc) keeps
          // Lexical's per-binding cursor highlight names from clashing.
          id={`${meetingId}/${section.id}`}
          rootName={section.id}
          providerFactory={providerFactory}
          shouldBootstrap={false}
          username={userName}
          cursorColor={cursorColour}
          cursorsContainerRef={cursorsRef}
        />
      </LexicalComposer>
    </section>
  );
}
