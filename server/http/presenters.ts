/** What goes over the wire: domain records to the shared API shapes. */
import type { InviteInfo, Meeting, Partnership } from '../../shared/api.js';
import type { InviteSummary } from '../domain/partnerships/invites.js';
import type { MeetingRecord } from '../domain/meetings/meetings.js';
import type { PartnershipRecord } from '../domain/partnerships/partnerships.js';

export function presentPartnership(record: PartnershipRecord): Partnership {
  const { row } = record;
  return {
    id: row.id,
    coach: { id: row.coach_id, name: record.coachName },
    teacher: { id: row.teacher_id, name: record.teacherName },
    myRole: record.role,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  };
}

export function presentMeeting(record: MeetingRecord): Meeting {
  const { row } = record;
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    title: row.title,
    createdAt: row.created_at,
    createdBy: { id: row.created_by, name: record.creatorName },
    endedAt: row.ended_at,
    actionStepPreview: row.action_step_preview,
    number: Number(row.number),
    titleGiven: Number(row.title_given) === 1,
    finishedAt: row.finished_at,
    finishedBy: row.finished_by ? { id: row.finished_by, name: record.finisherName ?? 'Someone' } : null,
    reopenedAt: row.reopened_at,
    reopenedBy: row.reopened_by ? { id: row.reopened_by, name: record.reopenerName ?? 'Someone' } : null,
  };
}

export function presentInvite(summary: InviteSummary): InviteInfo {
  return { invite: { inviter: summary.inviter, inviterRole: summary.inviterRole, expiresAt: summary.expiresAt } };
}
