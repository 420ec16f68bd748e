/** Your schools, and starting one (you become its coaching lead). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { CreateSchoolRequestSchema, SCHOOL_ROLE_LABELS } from '../../../shared/schools.js';
import { errorMessage } from '../api/errorMessage.js';
import { queryKeys } from '../api/queryKeys.js';
import { createSchool, fetchSchools } from '../api/schoolEndpoints.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { Field } from '../components/Field.js';
import { Layout, Loading } from '../components/Layout.js';
import { useDocumentTitle } from '../components/useDocumentTitle.js';
import styles from './schools.module.css';

export function SchoolsPage() {
  useDocumentTitle('Your schools');
  const schools = useQuery({ queryKey: queryKeys.schools(), queryFn: fetchSchools });

  return (
    <Layout>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Home</Link>
      </nav>
      <div className={styles.narrow}>
        <h1>Your schools</h1>
        <p>
          A school in Tandem is where a coaching programme comes together: the persistent problems staff work on, and
          counts that show whether coaching is happening. A school never sees what anyone writes in their notes.
        </p>
        {schools.isPending && <Loading label="Loading your schools…" />}
        {schools.isError && <ErrorMessage error={schools.error} retry={() => void schools.refetch()} />}
        {schools.data &&
          (schools.data.length === 0 ? (
            <p className="muted">You do not belong to a school yet. Ask your coaching lead for a link, or start one.</p>
          ) : (
            <ul className={`card ${styles.list}`} data-testid="schools">
              {schools.data.map((s) => (
                <li key={s.id} className={styles.row}>
                  <Link to={`/schools/${encodeURIComponent(s.id)}`}>{s.name}</Link>
                  <span className="muted">{SCHOOL_ROLE_LABELS[s.myRole]}</span>
                </li>
              ))}
            </ul>
          ))}
        <CreateSchool />
      </div>
    </Layout>
  );
}

function CreateSchool() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [fieldError, setFieldError] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: createSchool,
    onSuccess: (school) => {
      queryClient.setQueryData(queryKeys.school(school.id), school);
      void queryClient.invalidateQueries({ queryKey: queryKeys.schools() });
      navigate(`/schools/${encodeURIComponent(school.id)}`);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = CreateSchoolRequestSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message);
      return;
    }
    setFieldError(undefined);
    create.mutate(parsed.data.name);
  };
  return (
    <section className={`card ${styles.card}`} aria-labelledby="start-school">
      <h2 id="start-school">Start a school</h2>
      <p className="muted">You will be its coaching lead. You can invite coaches and staff with a link afterwards.</p>
      <form className="form" onSubmit={submit} noValidate>
        <Field label="School name" name="name" maxLength={120} error={fieldError} />
        {create.isError && (
          <p className="form-error" role="alert">
            {errorMessage(create.error, 'We could not start the school. Please try again.')}
          </p>
        )}
        <div>
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? 'Starting…' : 'Start the school'}
          </button>
        </div>
      </form>
    </section>
  );
}
