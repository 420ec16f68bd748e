/**
 * Reading a meeting page the way a person does: each section's editor is a
 * textbox named by the section's title, and its text is what is on screen.
 */
import type { Page } from 'playwright-core';
import { SECTIONS, type SectionId } from '../../shared/sections.js';

export function sectionTitle(id: SectionId): string {
  const section = SECTIONS.find((s) => s.id === id);
  if (!section) throw new Error(`no section ${id}`);
  return section.title;
}

/** The editor for a section, found as a screen reader would. */
export const editor = (page: Page, id: SectionId) => page.getByRole('textbox', { name: sectionTitle(id), exact: true });

/** What a section says, as read on screen (an empty paragraph reads as nothing). */
export const text = async (page: Page, id: SectionId) =>
  (await editor(page, id).innerText()).replace(/\n+/g, '\n').trim();
