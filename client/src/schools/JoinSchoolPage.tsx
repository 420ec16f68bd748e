/** Joining a school from an invitation link. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../api/errorMessage.js';
import { queryKeys } from '../api/queryKeys.js';
import { fetchSchoolInvitation, joinSchool } from '../api/schoolEndpoints.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Layout, Loading } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import styles from './schools.module.css';

export function JoinSchoolPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useDocumentTitle('Join a school');
  const invitation = useQuery({
    queryKey: queryKeys.schoolInvitation(token),
    queryFn: () => fetchSchoolInvitation(token),
  });
  const join = useMutation({
    mutationFn: () => joinSchool(token),
    onSuccess: (school) => {
      queryClient.setQueryData(queryKeys.school(school.id), school);
      void queryClient.invalidateQueries({ queryKey: queryKeys.schools() });
      navigate(`/schools/${encodeURIComponent(school.id)}`);
    },
  });

  return (
    <Layout>
      <div className={styles.narrow}>
        {invitation.isPending && <Loading />}
        {invitation.isError && (
          <>
            <ErrorMessage
              error={invitation.error}
              notFound="This invitation link does not work any more. Ask your coaching lead for a new one."
            />
            <p>
              <Link to="/">Back to your home page</Link>
            </p>
          </>
        )}
        {invitation.data && (
          <>
            <h1>Join {invitation.data.school.name}</h1>
            <p>
              You have been invited to join as{' '}
              <strong>{invitation.data.role === 'coach' ? 'a coach' : 'a member of staff'}</strong>.
            </p>
            <p className="muted">
              Joining puts your name on the school’s staff list in Tandem. It does not share any of your coaching: each
              partnership decides for itself, with both partners agreeing, whether the school may count it.
            </p>
            {join.isError && (
              <p className="form-error" role="alert">
                {errorMessage(join.error, 'We could not add you to the school. Please try again.')}
              </p>
            )}
            <button
              type="button"
              className="button button--primary"
              onClick={() => join.mutate()}
              disabled={join.isPending}
            >
              {join.isPending ? 'Joining…' : `Join ${invitation.data.school.name}`}
            </button>
          </>
        )}
      </div>
    </Layout>
  );
}
