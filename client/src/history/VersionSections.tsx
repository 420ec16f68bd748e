/**
 * A version's six sections as they were, read-only, with who wrote what: each
 * block's runs of characters map (through the attested authors) to a partner,
 * shown by colour, by a different underline (solid for the coach, dashed for
 * the teacher) and by name on hover and in each section's share line.
 */
import type { ReactNode } from 'react';
import type { Role } from '../../../shared/api.js';
import type { VersionResponse, VersionSection } from '../../../shared/history.js';
import { SECTIONS, type SectionId } from '../../../shared/sections.js';
import styles from './history.module.css';

export type Names = Record<Role, string>;

interface Props {
  version: VersionResponse;
  names: Names;
  /** What to put under each written section's text (the restore button). */
  actions: (section: SectionId, title: string) => ReactNode;
}

export function VersionSections({ version, names, actions }: Props) {
  const roles = new Map(version.authors.map((a) => [a.clientId, a.role]));
  return (
    <div className={styles.sections}>
      <VoicesLegend names={names} />
      {SECTIONS.map((s) => {
        const section = version.sections.find((x) => x.id === s.id);
        const written = section !== undefined && section.lines.some((l) => l.trim() !== '');
        return (
          <section key={s.id} className={styles.section} aria-labelledby={`v-${s.id}`} data-section={s.id}>
            <h3 id={`v-${s.id}`} className={styles.sectionTitle}>
              {s.title}
            </h3>
            {written ? (
              <>
                <div className={styles.sectionText}>
                  {section.lines.map((line, i) => (
                    <p key={i}>{authored(line, section.runs[i] ?? [], roles, names)}</p>
                  ))}
                </div>
                <Shares section={section} roles={roles} names={names} />
              </>
            ) : (
              <p className={`muted ${styles.sectionText}`}>Nothing written here yet.</p>
            )}
            {written && actions(s.id, s.title)}
          </section>
        );
      })}
    </div>
  );
}

export function VoicesLegend({ names }: { names: Names }) {
  return (
    <ul className={styles.legend} aria-label="Who wrote what">
      {(['coach', 'teacher'] as const).map((role) => (
        <li key={role}>
          <span className={`${styles.voice} ${styles[role]}`}>{role === 'coach' ? 'Solid line' : 'Dashed line'}</span>{' '}
          {names[role]} ({role})
        </li>
      ))}
    </ul>
  );
}

/** A line split into spans by who wrote each run of its characters. */
function authored(line: string, runs: VersionSection['runs'][number], roles: Map<number, Role>, names: Names) {
  if (line === '') return <br />;
  const out: ReactNode[] = [];
  let at = 0;
  for (const run of runs) {
    if (at >= line.length) break;
    const text = line.slice(at, at + run.length);
    const role = roles.get(run.client);
    out.push(
      role ? (
        <span key={at} className={`${styles.voice} ${styles[role]}`} title={`Written by ${names[role]} (${role})`}>
          {text}
        </span>
      ) : (
        text
      ),
    );
    at += run.length;
  }
  if (at < line.length) out.push(line.slice(at));
  return out;
}

function Shares({ section, roles, names }: { section: VersionSection; roles: Map<number, Role>; names: Names }) {
  const shares = { coach: 0, teacher: 0 };
  for (const block of section.runs) {
    for (const run of block) {
      const role = roles.get(run.client);
      if (role) shares[role] += run.length;
    }
  }
  const total = shares.coach + shares.teacher;
  if (total === 0) return null;
  const coach = Math.round((shares.coach / total) * 100);
  const parts = [
    coach > 0 ? `${names.coach} (coach) ${coach}%` : null,
    coach < 100 ? `${names.teacher} (teacher) ${100 - coach}%` : null,
  ].filter(Boolean);
  return <p className={`muted ${styles.shares}`}>Written by {parts.join(', ')}</p>;
}
