/** One model in the library: its words, who wrote and last improved it, and (for writers) improve, retire, history. */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { Model } from '../../../shared/models.js';
import type { Problem } from '../../../shared/schools.js';
import { errorMessage } from '../api/errorMessage.js';
import { restoreModel, retireModel } from '../api/modelEndpoints.js';
import { formatDate } from '../format.js';
import { ModelForm } from './ModelForm.js';
import { ModelHistory } from './ModelHistory.js';
import { ModelParts } from './ModelParts.js';
import styles from './models.module.css';

interface Props {
  model: Model;
  problems: Problem[];
  mayWrite: boolean;
  onChanged: (model: Model) => void;
}

export function ModelCard({ model, problems, mayWrite, onChanged }: Props) {
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const retired = model.status === 'retired';
  const status = useMutation({
    mutationFn: () => (retired ? restoreModel(model.id) : retireModel(model.id)),
    onSuccess: onChanged,
  });
  const titleId = `model-${model.id}-title`;
  const served = problems.filter((p) => model.problemIds.includes(p.id));

  return (
    <article
      className={`card ${styles.model}${retired ? ` ${styles.retired}` : ''}`}
      aria-labelledby={titleId}
      data-testid="model"
    >
      <div className={styles.head}>
        <h3 id={titleId}>{model.name}</h3>
        {retired && <span className="badge">Retired</span>}
      </div>
      {served.length > 0 && <p className="muted">For: {served.map((p) => p.title).join('; ')}</p>}
      {model.tags.length > 0 && (
        <ul className={styles.tags} aria-label="Phases and subjects">
          {model.tags.map((t) => (
            <li key={t} className={styles.tag}>
              {t}
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <ModelForm
          schoolId={model.schoolId}
          problems={problems}
          model={model}
          onCancel={() => setEditing(false)}
          onNewer={onChanged}
          onDone={(next) => {
            setEditing(false);
            onChanged(next);
          }}
        />
      ) : (
        <ModelParts content={model} />
      )}
      <p className={styles.byline}>
        Written by {model.createdBy.name} on {formatDate(model.createdAt)}
        {model.revision > 1 && `; last changed by ${model.updatedBy.name} on ${formatDate(model.updatedAt)}`}.
      </p>
      <div className={styles.actions}>
        {mayWrite && !editing && !retired && (
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Improve it
          </button>
        )}
        <button
          type="button"
          className="button button--quiet"
          aria-expanded={showHistory}
          onClick={() => setShowHistory((v) => !v)}
        >
          {showHistory
            ? 'Hide the history'
            : `History (${model.revision} ${model.revision === 1 ? 'version' : 'versions'})`}
        </button>
        {mayWrite && !editing && (
          <button
            type="button"
            className="button button--quiet"
            disabled={status.isPending}
            onClick={() => status.mutate()}
          >
            {retired ? 'Bring it back' : 'Retire it'}
          </button>
        )}
      </div>
      {status.isError && (
        <p className="form-error" role="alert">
          {errorMessage(status.error)}
        </p>
      )}
      {showHistory && <ModelHistory modelId={model.id} revision={model.revision} />}
    </article>
  );
}
