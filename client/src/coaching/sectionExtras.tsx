/**
 * What the coaching cycle adds around each section of a meeting: "Look at
 * this" in every heading, last time's step above "Since last time", the PEERS
 * check under the Goal, "Use a model" beside the Modelled strategy (for a
 * partnership linked to a school), rehearsals under the Practice plan, and
 * agreement under the action step.
 */
import type { ReactNode } from 'react';
import type { Role } from '../../../shared/api.js';
import type { MeetingCoaching } from '../../../shared/coaching.js';
import type { SectionId } from '../../../shared/sections.js';
import { UseModel } from '../models/UseModel.js';
import { PeersCheck } from './PeersCheck.js';
import { PracticeLog } from './PracticeLog.js';
import { SinceLastTime } from './SinceLastTime.js';
import { StepAgreement } from './StepAgreement.js';

export interface SectionExtrasContext {
  meetingId: string;
  myId: string;
  myRole: Role;
  partnerName: string;
  coaching: MeetingCoaching | null;
  stepText: string;
  saved: boolean;
  onChange: (coaching: MeetingCoaching) => void;
  onLook: (sectionId: SectionId) => void;
  /** False while the partner is not here (the button stays usable; pressing it says so). */
  canLook: boolean;
  /** The section where "Look at this" was just pressed while the partner was away. */
  lookAwayIn: SectionId | null;
  /** True when the notes cannot be written (finished, or closed for good). */
  notesReadOnly: boolean;
}

export interface SectionExtras {
  headAction: ReactNode;
  above: ReactNode;
  below: ReactNode;
}

export function sectionExtras(sectionId: SectionId, title: string, ctx: SectionExtrasContext): SectionExtras {
  // The name starts with what the button says; the section follows, so a list of buttons stays distinct.
  const headAction = (
    <>
      <button
        type="button"
        className="button"
        aria-label={`Look at this: ${title}`}
        title={ctx.canLook ? `Ask ${ctx.partnerName} to look here` : `${ctx.partnerName} is not here just now`}
        onClick={() => ctx.onLook(sectionId)}
      >
        Look at this
      </button>
      {ctx.lookAwayIn === sectionId && !ctx.canLook && (
        <p className="look-note" role="status" data-testid="look-away">
          {ctx.partnerName} isn’t here just now; they’ll see your notes when they open the meeting.
        </p>
      )}
    </>
  );
  const { coaching } = ctx;
  if (sectionId === 'modelledStrategy') {
    const withModels = (
      <>
        <UseModel meetingId={ctx.meetingId} readOnly={ctx.notesReadOnly} />
        {headAction}
      </>
    );
    return { headAction: withModels, above: null, below: null };
  }
  if (!coaching) return { headAction, above: null, below: null };
  const common = { meetingId: ctx.meetingId, coaching, onChange: ctx.onChange };
  switch (sectionId) {
    case 'review':
      return { headAction, above: <SinceLastTime {...common} />, below: null };
    case 'goal':
      return { headAction, above: null, below: <PeersCheck {...common} /> };
    case 'practicePlan':
      return { headAction, above: null, below: <PracticeLog {...common} myRole={ctx.myRole} /> };
    case 'actionStep':
      return {
        headAction,
        above: null,
        below: (
          <StepAgreement
            {...common}
            myId={ctx.myId}
            partnerName={ctx.partnerName}
            stepText={ctx.stepText}
            saved={ctx.saved}
          />
        ),
      };
    default:
      return { headAction, above: null, below: null };
  }
}
