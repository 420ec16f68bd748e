/**
 * "Use a model", beside the Modelled strategy: for a partnership linked to a
 * school, that school's live models, to search and pick. Choosing one writes
 * its words into the Modelled strategy and the Practice plan through their
 * editors (an ordinary edit both partners see live, and can change like any
 * other words), then records that the model was used, which the school counts.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { modelBlocks, type Model } from '../../../shared/models.js';
import { errorMessage } from '../api/errorMessage.js';
import { fetchMeetingModels, recordModelUse } from '../api/modelEndpoints.js';
import { queryKeys } from '../api/queryKeys.js';
import { appendBlocks, useSectionEditors } from '../editor/sectionEditors.js';
import styles from './models.module.css';

const matches = (model: Model, words: string) => {
  const haystack = [model.name, model.keyMoves, model.doneWell, ...model.tags].join(' ').toLowerCase();
  return words
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => haystack.includes(w));
};

export function UseModel({ meetingId, readOnly }: { meetingId: string; readOnly: boolean }) {
  const queryClient = useQueryClient();
  const editors = useSectionEditors();
  const offered = useQuery({
    queryKey: queryKeys.meetingModels(meetingId),
    queryFn: () => fetchMeetingModels(meetingId),
  });
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const use = useMutation({
    mutationFn: async (model: Model) => {
      const blocks = modelBlocks(model);
      const strategy = editors?.get('modelledStrategy');
      const practice = editors?.get('practicePlan');
      if (!strategy || !practice) throw new Error('The notes are still opening. Try again in a moment.');
      await appendBlocks(strategy, blocks.modelledStrategy);
      if (blocks.practicePlan.length > 0) await appendBlocks(practice, blocks.practicePlan);
      return recordModelUse(meetingId, model.id);
    },
    onMutate: () => setAdded(null),
    onSuccess: (_use, model) => {
      setAdded(model.name);
      setOpen(false);
      buttonRef.current?.focus();
      void queryClient.invalidateQueries({ queryKey: queryKeys.meetingModels(meetingId) });
    },
  });

  useEffect(() => {
    if (open) searchRef.current?.focus();
  }, [open]);

  const closeOnEscape = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      setOpen(false);
      buttonRef.current?.focus();
    }
  };

  const data = offered.data;
  // Nothing to offer a partnership that is not linked to a school.
  if (!data?.school) return null;
  const list = data.models.filter((m) => matches(m, search));

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={panelId}
        disabled={readOnly}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={closeOnEscape}
      >
        Use a model
      </button>
      {added && !open && (
        <p className="visually-hidden" role="status">
          {added} is in your notes now, under Modelled strategy and Practice plan.
        </p>
      )}
      {open && (
        <div
          id={panelId}
          className={styles.panel}
          role="region"
          aria-label={`Models from ${data.school.name}`}
          onKeyDown={closeOnEscape}
        >
          <h3>Models from {data.school.name}</h3>
          <p className="muted">
            Its words go into Modelled strategy and Practice plan, for you both to adapt. {data.school.name} counts that
            a model was used, never what you write.
          </p>
          {data.models.length === 0 ? (
            <p>There are no live models yet. The school’s coaches write them on the school’s Models page.</p>
          ) : (
            <>
              <label className="visually-hidden" htmlFor={`${panelId}-search`}>
                Search the models
              </label>
              <input
                ref={searchRef}
                id={`${panelId}-search`}
                className="field-input"
                type="search"
                placeholder="Search by name, move or subject"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
              {list.length === 0 && <p>No model matches that.</p>}
              <ul className={styles.choices} data-testid="model-choices">
                {list.map((m) => (
                  <li key={m.id} className={styles.choice}>
                    <strong>{m.name}</strong>
                    {m.tags.length > 0 && <span className="muted">{m.tags.join(', ')}</span>}
                    <p>{m.keyMoves}</p>
                    <button
                      type="button"
                      className="button button--primary"
                      aria-label={`${data.usedModelIds.includes(m.id) ? 'Use it again' : 'Use this model'}: ${m.name}`}
                      disabled={use.isPending}
                      onClick={() => use.mutate(m)}
                    >
                      {data.usedModelIds.includes(m.id) ? 'Use it again' : 'Use this model'}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {use.isError && (
            <p className="form-error" role="alert">
              {errorMessage(use.error, use.error.message)}
            </p>
          )}
          <div className={styles.panelEnd}>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setOpen(false);
                buttonRef.current?.focus();
              }}
            >
              Close
            </button>
          </div>
        </div>
      )}
    </>
  );
}
