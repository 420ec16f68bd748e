/**
 * On a partnership's page: whether the school may count it. One partner proposes a school they belong to, the
 * other agrees; both read what the school can and cannot see first. Either can unlink.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Partnership } from '../../../shared/api.js';
import type { PartnershipSchoolResponse } from '../../../shared/schools.js';
import { errorMessage } from '../api/errorMessage.js';
import { queryKeys } from '../api/queryKeys.js';
import { agreeToSchool, fetchPartnershipSchool, unlinkSchool } from '../api/schoolEndpoints.js';
import { partnerOf } from '../format.js';
import styles from './schools.module.css';
import { WhatTheSchoolCounts } from './WhatTheSchoolCounts.js';

export function PartnershipSchool({ partnership }: { partnership: Partnership }) {
  const queryClient = useQueryClient();
  const key = queryKeys.partnershipSchool(partnership.id);
  const school = useQuery({ queryKey: key, queryFn: () => fetchPartnershipSchool(partnership.id) });
  const [chosen, setChosen] = useState('');
  const onSuccess = (answer: PartnershipSchoolResponse) => {
    queryClient.setQueryData(key, answer);
    void queryClient.invalidateQueries({ queryKey: queryKeys.schoolView(partnership.id) });
  };
  const agree = useMutation({ mutationFn: (schoolId: string) => agreeToSchool(partnership.id, schoolId), onSuccess });
  const unlink = useMutation({ mutationFn: () => unlinkSchool(partnership.id), onSuccess });

  if (!school.data) return null;
  const { link, mySchools } = school.data;
  const partner = partnerOf(partnership).name;
  const iAgreed = link ? (partnership.myRole === 'coach' ? link.coachAgreed : link.teacherAgreed) : false;
  const failure = agree.error ?? unlink.error;
  const viewLink = (
    <Link to={`/partnerships/${encodeURIComponent(partnership.id)}/school-view`}>What the school sees</Link>
  );

  return (
    <section aria-labelledby="school-link-title" className={`card ${styles.card}`} data-testid="partnership-school">
      <h2 id="school-link-title">Your school</h2>
      {link === null && mySchools.length === 0 && (
        <p className="muted">
          This partnership is not counted by any school. If your school runs its coaching programme in Tandem, you can
          ask to be counted once you have joined it.
        </p>
      )}
      {link === null && mySchools.length > 0 && (
        <>
          <p>
            This partnership is not counted by any school. You can ask for it to be counted in your school’s programme
            figures; it is counted only once {partner} agrees too.
          </p>
          <label className={styles.form}>
            School
            <select className="field-input" value={chosen} onChange={(e) => setChosen(e.target.value)}>
              <option value="">Choose a school</option>
              {mySchools.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          {chosen && (
            <>
              <WhatTheSchoolCounts schoolName={mySchools.find((s) => s.id === chosen)?.name ?? 'The school'} />
              <button
                type="button"
                className="button button--primary"
                onClick={() => agree.mutate(chosen)}
                disabled={agree.isPending}
              >
                I agree: ask {partner} too
              </button>
            </>
          )}
        </>
      )}
      {link?.status === 'pending' && (
        <>
          <p data-testid="school-link-status">
            {iAgreed
              ? `You have asked for this partnership to be counted by ${link.school.name}. Nothing is counted until ${partner} agrees too.`
              : `${partner} has asked for this partnership to be counted by ${link.school.name}. Nothing is counted unless you agree.`}
          </p>
          <WhatTheSchoolCounts schoolName={link.school.name} />
          <div className={styles.actions}>
            {!iAgreed && (
              <button
                type="button"
                className="button button--primary"
                onClick={() => agree.mutate(link.school.id)}
                disabled={agree.isPending}
              >
                I agree
              </button>
            )}
            <button type="button" className="button" onClick={() => unlink.mutate()} disabled={unlink.isPending}>
              {iAgreed ? 'Withdraw the request' : 'No, thank you'}
            </button>
          </div>
        </>
      )}
      {link?.status === 'linked' && (
        <>
          <p data-testid="school-link-status">
            You both agreed: {link.school.name} counts this partnership in its programme figures. {viewLink}, exactly.
          </p>
          <button type="button" className="button" onClick={() => unlink.mutate()} disabled={unlink.isPending}>
            Unlink from {link.school.name}
          </button>
        </>
      )}
      {failure && (
        <p className="form-error" role="alert">
          {errorMessage(failure)}
        </p>
      )}
    </section>
  );
}
