/**
 * Writing a model, or improving one. An edit names the revision it started
 * from; when someone else saved meanwhile the server refuses it (409), and the
 * form keeps what you wrote, shows what they saved, and lets you save again
 * knowingly on top of theirs.
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../shared/limits.js';
import { ModelContentSchema, type Model, type ModelContent } from '../../../shared/models.js';
import type { Problem } from '../../../shared/schools.js';
import { errorMessage } from '../api/errorMessage.js';
import { ApiError } from '../api/http.js';
import { createModel, fetchModel, updateModel } from '../api/modelEndpoints.js';
import { FormActions } from '../components/FormActions.js';
import { formatDateTime } from '../format.js';
import { ModelParts } from './ModelParts.js';
import styles from './models.module.css';

interface Props {
  schoolId: string;
  problems: Problem[];
  /** The model being improved; absent when writing a new one. */
  model?: Model;
  onDone: (model: Model) => void;
  /** Someone else's newer version, read after a refused edit (the form stays open with your words). */
  onNewer?: (model: Model) => void;
  onCancel: () => void;
}

const splitTags = (value: string) =>
  value
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');

/** The parts of a model written as text, in the order they are asked for. */
const TEXT_PARTS = [
  { name: 'keyMoves', label: 'Key moves', hint: 'One move a line, in the order you would make them.' },
  {
    name: 'doneWell',
    label: 'What it looks like done well',
    hint: 'What you would see students doing, and hear the teacher say.',
  },
  {
    name: 'practiceActivity',
    label: 'A practice activity',
    hint: 'How to rehearse it before trying it with a class.',
  },
  {
    name: 'actionSteps',
    label: 'Example action steps',
    hint: 'Small, concrete steps a teacher might agree to. One a line.',
  },
] as const;

export function ModelForm({ schoolId, problems, model, onDone, onNewer, onCancel }: Props) {
  const [error, setError] = useState<string | undefined>();
  /** Someone else's newer version, after a refused edit. */
  const [theirs, setTheirs] = useState<Model | null>(null);
  const save = useMutation({
    mutationFn: (content: ModelContent) =>
      model
        ? updateModel(model.id, { ...content, expectedRevision: theirs?.revision ?? model.revision })
        : createModel(schoolId, content),
    onSuccess: onDone,
    onError: async (err) => {
      if (model && err instanceof ApiError && err.id === 'stale_revision') {
        const newer = await fetchModel(model.id);
        setTheirs(newer);
        onNewer?.(newer);
      }
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    const parsed = ModelContentSchema.safeParse({
      name: text('name'),
      keyMoves: text('keyMoves'),
      doneWell: text('doneWell'),
      practiceActivity: text('practiceActivity'),
      actionSteps: text('actionSteps'),
      problemIds: form.getAll('problemIds').map(String),
      tags: splitTags(text('tags')),
    });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    save.mutate(parsed.data);
  };

  const stale = save.error instanceof ApiError && save.error.id === 'stale_revision';
  const usable = problems.filter((p) => p.status === 'open' || model?.problemIds.includes(p.id));
  return (
    <form
      className={styles.form}
      onSubmit={submit}
      noValidate
      aria-label={model ? `Improve ${model.name}` : 'A new model'}
    >
      <label>
        Strategy name
        <input
          className="field-input"
          name="name"
          defaultValue={model?.name}
          maxLength={LIMITS.maxModelNameChars}
          placeholder="Think, try, then ask"
        />
      </label>
      {TEXT_PARTS.map(({ name, label, hint }) => (
        <label key={name}>
          {label} <span className={styles.hint}>{hint}</span>
          <textarea
            className="field-input"
            name={name}
            defaultValue={model?.[name]}
            maxLength={LIMITS.maxModelTextChars}
          />
        </label>
      ))}
      {usable.length > 0 && (
        <fieldset>
          <legend>The persistent problems it helps with</legend>
          {usable.map((p) => (
            <label key={p.id} className={styles.check}>
              <input type="checkbox" name="problemIds" value={p.id} defaultChecked={model?.problemIds.includes(p.id)} />
              {p.title}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        Phases and subjects <span className={styles.hint}>Separated by commas, for example: KS3, maths, science.</span>
        <input className="field-input" name="tags" defaultValue={model?.tags.join(', ')} />
      </label>

      {stale && theirs && (
        <div className={styles.stale} role="alert" data-testid="stale-model">
          <p>
            <strong>{theirs.updatedBy.name} saved a change to this model</strong> on {formatDateTime(theirs.updatedAt)},
            while you were editing. Your words are still in the form. Their version:
          </p>
          <p>
            <strong>{theirs.name}</strong>
          </p>
          <ModelParts content={theirs} />
          <p>Bring in anything of theirs you want to keep, then save again; your version will follow theirs.</p>
        </div>
      )}
      {(error ?? (save.isError && !stale)) && (
        <p className="form-error" role="alert">
          {error ?? errorMessage(save.error)}
        </p>
      )}
      <FormActions
        submit={model ? 'Save the improvement' : 'Save the model'}
        busy={save.isPending}
        onCancel={onCancel}
        className={styles.actions}
        cancelClassName="button button--quiet"
      />
    </form>
  );
}
