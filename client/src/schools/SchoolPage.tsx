/** One school: its persistent problems, its staff and their roles, invitation links (the lead) and leaving. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { SCHOOL_ROLE_LABELS, SCHOOL_ROLES, type School, type SchoolRole } from '../../../shared/schools.js';
import { errorMessage } from '../api/errorMessage.js';
import { queryKeys } from '../api/queryKeys.js';
import {
  createSchoolInvitation,
  fetchSchool,
  removeSchoolMember,
  revokeSchoolInvitation,
  setSchoolRole,
} from '../api/schoolEndpoints.js';
import { useUser } from '../auth/session.js';
import { CopyButton } from '../components/CopyButton.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Layout, Loading } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import { formatDate } from '../format.js';
import { ProblemsSection } from './ProblemsSection.js';
import styles from './schools.module.css';

const YOU_ARE: Record<SchoolRole, string> = {
  lead: 'You are the coaching lead here.',
  coach: 'You are a coach here.',
  member: 'You are a member of staff here.',
};

export function SchoolPage() {
  const { id = '' } = useParams();
  const school = useQuery({ queryKey: queryKeys.school(id), queryFn: () => fetchSchool(id) });
  useDocumentTitle(school.data?.name ?? 'School');

  if (school.isPending) {
    return (
      <Layout>
        <Loading />
      </Layout>
    );
  }
  if (school.isError) {
    return (
      <Layout>
        <ErrorMessage error={school.error} notFound="We cannot find this school, or you are not a member of it." />
        <p>
          <Link to="/schools">Your schools</Link>
        </p>
      </Layout>
    );
  }
  const s = school.data;
  const isLead = s.myRole === 'lead';
  return (
    <Layout>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Home</Link> › <Link to="/schools">Your schools</Link>
      </nav>
      <div className={styles.narrow}>
        <div className="page-head">
          <div>
            <h1>{s.name}</h1>
            <p className="muted">{YOU_ARE[s.myRole]}</p>
          </div>
          <div className={styles.actions}>
            <Link className="button" to={`/schools/${encodeURIComponent(s.id)}/models`}>
              Models
            </Link>
            {s.myRole !== 'member' && (
              <Link className="button button--primary" to={`/schools/${encodeURIComponent(s.id)}/programme`}>
                {isLead ? 'The programme' : 'The programme for your partnerships'}
              </Link>
            )}
          </div>
        </div>
        <ProblemsSection schoolId={s.id} isLead={isLead} />
        <Staff school={s} />
        {isLead && <Invitations school={s} />}
        <Leave school={s} />
      </div>
    </Layout>
  );
}

function Staff({ school }: { school: School }) {
  const user = useUser();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: SchoolRole }) => setSchoolRole(school.id, userId, role),
    onSuccess: (next) => queryClient.setQueryData(queryKeys.school(school.id), next),
  });
  return (
    <section className={`card ${styles.card}`} aria-labelledby="staff-title">
      <h2 id="staff-title">Staff in Tandem</h2>
      <ul className={styles.list} data-testid="school-members">
        {school.members.map((m) => (
          <li key={m.person.id} className={styles.row}>
            <span>
              {m.person.name}
              {m.person.id === user.id && <span className="muted"> (you)</span>}
            </span>
            {school.myRole === 'lead' ? (
              <label className={styles.actions}>
                <span className="visually-hidden">Role of {m.person.name}</span>
                <select
                  className="field-input"
                  value={m.role}
                  onChange={(e) => change.mutate({ userId: m.person.id, role: e.target.value as SchoolRole })}
                >
                  {SCHOOL_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {SCHOOL_ROLE_LABELS[r]}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <span className="muted">{SCHOOL_ROLE_LABELS[m.role]}</span>
            )}
          </li>
        ))}
      </ul>
      {change.isError && (
        <p className="form-error" role="alert">
          {errorMessage(change.error)}
        </p>
      )}
    </section>
  );
}

function Invitations({ school }: { school: School }) {
  const queryClient = useQueryClient();
  const [made, setMade] = useState<{ url: string; role: string } | null>(null);
  const create = useMutation({
    mutationFn: (role: 'coach' | 'member') => createSchoolInvitation(school.id, role),
    onSuccess: (answer) => {
      setMade({ url: answer.url, role: answer.invitation.role });
      void queryClient.invalidateQueries({ queryKey: queryKeys.school(school.id) });
    },
  });
  const revoke = useMutation({
    mutationFn: (invitationId: string) => revokeSchoolInvitation(school.id, invitationId),
    onSuccess: (next) => queryClient.setQueryData(queryKeys.school(school.id), next),
  });
  return (
    <section className={`card ${styles.card}`} aria-labelledby="invite-title">
      <h2 id="invite-title">Invite staff</h2>
      <p className="muted">
        A link works for everyone you send it to until you revoke it. Coaches see the programme’s figures for their own
        partnerships; members of staff can read the school’s persistent problems.
      </p>
      <div className={styles.actions}>
        <button type="button" className="button" onClick={() => create.mutate('coach')} disabled={create.isPending}>
          Make a link for coaches
        </button>
        <button type="button" className="button" onClick={() => create.mutate('member')} disabled={create.isPending}>
          Make a link for staff
        </button>
      </div>
      {made && (
        <div className="notice notice--info" role="status">
          <p>
            Your link for {made.role === 'coach' ? 'coaches' : 'staff'} (copy it now: it is shown only once):{' '}
            <code data-testid="school-invite-url">{made.url}</code>
          </p>
          <CopyButton text={made.url} />
        </div>
      )}
      {school.invitations.length > 0 && (
        <>
          <h3>Links that work now</h3>
          <ul className={styles.list}>
            {school.invitations.map((i) => (
              <li key={i.id} className={styles.row}>
                <span>
                  For {i.role === 'coach' ? 'coaches' : 'staff'}, made {formatDate(i.createdAt)}
                </span>
                <button type="button" className="button button--quiet" onClick={() => revoke.mutate(i.id)}>
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Leave({ school }: { school: School }) {
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const leave = useMutation({
    mutationFn: () => removeSchoolMember(school.id, user.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.schools() });
      navigate('/schools');
    },
  });
  return (
    <section className={`card ${styles.card}`} aria-labelledby="leave-title">
      <h2 id="leave-title">Leave this school</h2>
      <p className="muted">
        Your name comes off the staff list. Partnerships you agreed to link stay linked until you or your partner unlink
        them from the partnership’s page.
      </p>
      {leave.isError && (
        <p className="form-error" role="alert">
          {errorMessage(leave.error)}
        </p>
      )}
      <button type="button" className="button" onClick={() => leave.mutate()} disabled={leave.isPending}>
        Leave {school.name}
      </button>
    </section>
  );
}
