/**
 * The live meeting: six sections on one shared document, who is here, and
 * whether the connection and the saving can be trusted right now; around them,
 * the coaching cycle (see ../coaching/).
 *
 * On a wide screen the cycle sits in a column beside the notes. Below 900 px
 * (a phone, a tablet held upright) the page opens on the notes: who is here
 * becomes a row of initials, the cycle, measure and approach open in a drawer
 * from a button beside them, and finishing and keeping a copy follow the notes.
 */
import { useState } from 'react';
import { stepHash } from '../../../shared/actionStep.js';
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import { Link, useParams } from 'react-router';
import type { Meeting, Partnership } from '../../../shared/api.js';
import { CloseCode } from '../../../shared/closeCodes.js';
import { SECTIONS, type SectionId } from '../../../shared/sections.js';
import { isNotFoundOrForbidden } from '../api/http.js';
import { useMeetingAndPartnership } from '../api/meetingQueries.js';
import { useSession, useUser } from '../auth/session.js';
import { useMeetingConnection } from '../collab/useMeetingConnection.js';
import { useSectionPeers } from '../collab/useSectionPeers.js';
import { ApproachPicker } from '../coaching/ApproachPicker.js';
import finishingStyles from '../finishing/finishing.module.css';
import { CyclePanel } from '../coaching/CyclePanel.js';
import { FollowPrompt } from '../coaching/FollowPrompt.js';
import { sectionExtras } from '../coaching/sectionExtras.js';
import { useLookAtThis } from '../coaching/useLookAtThis.js';
import { useMeetingCoaching } from '../coaching/useMeetingCoaching.js';
import { useSectionText } from '../coaching/useSectionText.js';
import { ConnectionStatus, explainClose, explainDisconnected } from '../components/ConnectionStatus.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { FinishMeeting } from '../components/FinishMeeting.js';
import { Layout, Loading, PageMessage } from '../components/Layout.js';
import { PresenceBar, PresenceList } from '../components/PresenceList.js';
import { useDrawer } from '../components/useDrawer.js';
import { useMediaQuery } from '../components/useMediaQuery.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { ROLE_COLOURS } from '../editor/cursorColors.js';
import { SectionEditor } from '../editor/SectionEditor.js';
import { SectionEditorsContext, type SectionEditors } from '../editor/sectionEditors.js';
import { formatDate, partnerOf } from '../format.js';
import { useMeetingPresence } from '../realtime/useMeetingPresence.js';
import { useSectionFromHash } from '../search/useSectionFromHash.js';
import { BalanceBar } from '../voices/BalanceBar.js';
import { useAuthors } from '../voices/useAuthors.js';
import { useVoices } from '../voices/useVoices.js';
import { VoicesToggle } from '../voices/VoicesToggle.js';
import { MeetingExport } from '../finishing/ExportButtons.js';
import { FinishedBanner } from '../finishing/FinishedBanner.js';
import { MeetingBadges } from '../finishing/MeetingBadges.js';
import { meetingName } from '../finishing/meetingName.js';
import { PrintFacts } from '../finishing/PrintFacts.js';
import { ReadOnlyFacts } from '../finishing/ReadOnlyFacts.js';
import { useFinishing } from '../finishing/useFinishing.js';
import styles from './MeetingPage.module.css';

/** Where the side column gives way to the notes-first layout; MeetingPage.module.css keys on the same width. */
const NARROW = '(max-width: 899.98px)';

export function MeetingPage() {
  const { id = '' } = useParams();
  const loaded = useMeetingAndPartnership(id);
  useDocumentTitle(loaded.status === 'ready' ? meetingName(loaded.data.meeting) : 'Meeting');

  if (loaded.status === 'loading') {
    return (
      <Layout wide>
        <Loading label="Opening the meeting…" />
      </Layout>
    );
  }
  if (loaded.status === 'error') {
    // Laid out like the other pages that have nothing to show: a heading, what happened, the way home.
    const notFound = isNotFoundOrForbidden(loaded.error);
    return (
      <Layout>
        <PageMessage title={notFound ? 'We cannot find this meeting' : 'We could not open this meeting'}>
          {notFound ? (
            <p>It may have been deleted, or it is not shared with you.</p>
          ) : (
            <ErrorMessage error={loaded.error} />
          )}
          <p>
            <Link to="/">Go to your home page</Link>
          </p>
        </PageMessage>
      </Layout>
    );
  }
  // Keyed by meeting so moving between meetings starts a fresh document and connection.
  return <LiveMeeting key={id} {...loaded.data} />;
}

function LiveMeeting({ meeting: opened, partnership }: { meeting: Meeting; partnership: Partnership }) {
  const user = useUser();
  const { expired } = useSession();
  const { connection, snapshot, providerFactory } = useMeetingConnection(opened.id, user.id, opened.title);
  const { meeting, finished, finish, reopen } = useFinishing(opened, connection, snapshot.closeCode);
  const room = useMeetingPresence(meeting.id);
  const peers = useSectionPeers(connection);
  const partner = partnerOf(partnership);
  const closed = snapshot.status === 'closed' ? explainClose(snapshot.closeCode) : null;
  const disconnected = closed === null ? explainDisconnected(snapshot, partner.name) : null;
  const [showVoices, setShowVoices] = useState(false);
  const [sectionEditors] = useState<SectionEditors>(() => new Map());
  const narrow = useMediaQuery(NARROW);
  const { open: drawerOpen, show: openDrawer, close: closeDrawer, openerRef, panelRef, headingRef } = useDrawer(narrow);
  const [sectionsEl, setSectionsEl] = useState<HTMLDivElement | null>(null);
  const { roleOf } = useAuthors(meeting.id);
  const shares = useVoices(connection?.doc ?? null, roleOf, showVoices, sectionsEl);
  const names = { coach: partnership.coach.name, teacher: partnership.teacher.name };
  const coaching = useMeetingCoaching(meeting.id);
  const look = useLookAtThis(meeting.id);
  useSectionFromHash(snapshot.loaded);
  const stepText = useSectionText(connection?.doc ?? null, 'actionStep');
  const agreements = coaching.coaching?.step.agreements ?? [];
  const agreedHash = coaching.coaching ? stepHash(stepText, coaching.coaching.step.dueOn) : null;
  const agreed = agreements.length === 2 && agreements.every((a) => a.hash === agreedHash);
  const partnerHere = room.people?.some((p) => p.userId === partner.id) ?? false;
  // While presence is still loading we do not know, so the request is sent.
  const partnerAway = room.people !== null && !partnerHere;
  const extrasContext = {
    meetingId: meeting.id,
    myId: user.id,
    myRole: partnership.myRole,
    partnerName: partner.name,
    coaching: coaching.coaching,
    stepText,
    saved: snapshot.saved && snapshot.status === 'live',
    onChange: coaching.setCoaching,
    onLook: (sectionId: SectionId) => look.ask(sectionId, !partnerAway),
    canLook: partnerHere,
    lookAwayIn: look.awayIn,
    notesReadOnly: closed !== null || finished,
  };

  const endOfMeeting = (
    <>
      {!finished && <FinishMeeting partnerName={partner.name} finish={finish} />}
      <MeetingExport meetingId={meeting.id} />
      <p className="side-note">
        Everything here is shared between you and {partner.name}, and no one else. Changes save as you type.
      </p>
      <p className="side-note">
        If the connection drops, your notes are kept on this device until they are saved. Signing out removes them from
        this device.
      </p>
    </>
  );

  return (
    <Layout wide>
      <div className={narrow ? styles.narrow : undefined}>
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to="/">Home</Link>
          <span aria-hidden="true"> / </span>
          <Link to={`/partnerships/${encodeURIComponent(partnership.id)}`}>Coaching with {partner.name}</Link>
        </nav>
        <div className="meeting-head">
          <div>
            <div className={finishingStyles.headingRow}>
              <h1 className="meeting-heading">{meetingName(meeting)}</h1>
              <MeetingBadges meeting={meeting} agreed={agreed} />
            </div>
            <p className="muted">
              {meeting.titleGiven && `${formatDate(meeting.createdAt)} · `}
              {partnership.coach.name} (coach) and {partnership.teacher.name} (teacher)
            </p>
          </div>
          <ConnectionStatus snapshot={snapshot} />
        </div>
        {narrow && (
          <div className={styles.bar}>
            <PresenceBar
              people={room.people}
              myId={user.id}
              offline={snapshot.status === 'offline'}
              partner={{
                id: partner.id,
                name: partner.name,
                role: partnership.myRole === 'coach' ? 'teacher' : 'coach',
              }}
            />
            <button
              ref={openerRef}
              type="button"
              className={`button ${styles.drawerButton}`}
              aria-haspopup="dialog"
              aria-expanded={drawerOpen}
              aria-controls="meeting-side"
              onClick={openDrawer}
            >
              Cycle and measure
            </button>
          </div>
        )}
        <div className="meeting-tools" aria-label="Meeting tools" role="toolbar">
          <VoicesToggle on={showVoices} onChange={setShowVoices} names={names} />
          <Link to={`/meetings/${encodeURIComponent(meeting.id)}/history`} className="button">
            History
          </Link>
        </div>
        {look.request && <FollowPrompt request={look.request} onDismiss={look.dismiss} />}

        {closed && (
          <div className="notice notice--warning" role="alert">
            <p>
              <strong>{closed.title}.</strong> {closed.body}
            </p>
            {snapshot.closeCode === CloseCode.Unauthenticated && (
              <button type="button" className="button" onClick={expired}>
                Sign in again
              </button>
            )}
          </div>
        )}
        {disconnected && (
          <div className="notice notice--warning" role="status" data-testid="disconnected-notice">
            <p>
              <strong>{disconnected.title}.</strong> {disconnected.body}
            </p>
          </div>
        )}
        <FinishedBanner meeting={meeting} myId={user.id} reopen={reopen} doc={connection?.doc ?? null} />
        {room.error && (
          <div className="notice notice--warning" role="alert">
            <p>We cannot show who is here right now: {room.error}</p>
          </div>
        )}

        <div className="meeting-layout">
          <div
            ref={setSectionsEl}
            className={`sections${snapshot.loaded ? '' : ' sections--loading'}${finished ? ` ${finishingStyles.finishedSections}` : ''}`}
            aria-busy={!snapshot.loaded}
          >
            {/* One collaboration context for the six editors: the same doc map, name and colour. */}
            <LexicalCollaboration>
              <SectionEditorsContext.Provider value={sectionEditors}>
                {providerFactory !== null &&
                  SECTIONS.map((section) => {
                    const found = sectionExtras(section.id, section.title, extrasContext);
                    const extras = {
                      headAction: found.headAction,
                      above: <ReadOnlyFacts readOnly={finished}>{found.above}</ReadOnlyFacts>,
                      below: <ReadOnlyFacts readOnly={finished}>{found.below}</ReadOnlyFacts>,
                    };
                    const balance = shares ? <BalanceBar shares={shares[section.id]} names={names} /> : null;
                    return (
                      <SectionEditor
                        {...extras}
                        below={
                          <>
                            {balance}
                            {extras.below}
                          </>
                        }
                        // A new connection (our client id was taken) needs new editors: Lexical cannot rebind one.
                        key={`${section.id}:${connection?.generation ?? 0}`}
                        meetingId={meeting.id}
                        section={section}
                        providerFactory={providerFactory}
                        userName={user.name}
                        cursorColour={ROLE_COLOURS[partnership.myRole]}
                        peersHere={peers[section.id] ?? []}
                        readOnly={closed !== null || finished}
                      />
                    );
                  })}
              </SectionEditorsContext.Provider>
            </LexicalCollaboration>
            <PrintFacts meeting={meeting} coaching={coaching.coaching} cycle={coaching.cycle} agreed={agreed} />
          </div>
          {narrow && (
            <div className={styles.afterNotes} data-print="hide">
              {endOfMeeting}
            </div>
          )}
          {/* One element, a column or a drawer, so a half-edited measure survives turning a tablet round. */}
          <div
            id="meeting-side"
            ref={panelRef}
            className={`meeting-side${narrow ? ` ${styles.drawer}` : ''}`}
            {...(narrow
              ? { role: 'dialog', 'aria-modal': true, 'aria-labelledby': 'meeting-side-title', hidden: !drawerOpen }
              : { role: 'complementary', 'aria-label': 'About this meeting' })}
          >
            {narrow && (
              <div className={styles.drawerHead}>
                <h2 id="meeting-side-title" ref={headingRef} tabIndex={-1}>
                  Cycle and measure
                </h2>
                <button type="button" className="button" onClick={closeDrawer}>
                  Close
                </button>
              </div>
            )}
            {!narrow && <PresenceList people={room.people} myId={user.id} offline={snapshot.status === 'offline'} />}
            {coaching.cycle && (
              <CyclePanel
                cycle={coaching.cycle}
                myRole={partnership.myRole}
                teacherName={partnership.teacher.name}
                onChange={coaching.setCycle}
              />
            )}
            {coaching.coaching && (
              <ReadOnlyFacts readOnly={finished}>
                <ApproachPicker
                  meetingId={meeting.id}
                  myRole={partnership.myRole}
                  coaching={coaching.coaching}
                  onChange={coaching.setCoaching}
                />
              </ReadOnlyFacts>
            )}
            {coaching.coaching === null &&
              (snapshot.status === 'offline' ? (
                <p className="side-note" data-testid="coaching-offline">
                  The Impact Cycle and your approach will show here when you are back online.
                </p>
              ) : (
                coaching.error !== null && <ErrorMessage error={coaching.error} />
              ))}
            {!narrow && endOfMeeting}
          </div>
        </div>
        {drawerOpen && <div className={styles.backdrop} onClick={closeDrawer} aria-hidden="true" />}
      </div>
    </Layout>
  );
}
