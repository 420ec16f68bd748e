/**
 * The first line of a meeting's action step, kept in the meetings table for
 * homes and lists: written a little after edits stop (not on every keystroke),
 * only when it changed, and once more when the room unloads.
 */
import type * as Y from 'yjs';
import { sectionFirstLine } from '../../../shared/docText.js';
import { setActionStepPreview } from '../../domain/meetings/meetingDocuments.js';
import type { Services } from '../../services.js';

const PREVIEW_DELAY_MS = 1500;

export class ActionStepPreview {
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;
  private last: string | null | undefined;

  constructor(
    private readonly meetingId: string,
    private readonly doc: Y.Doc,
    private readonly services: Services,
  ) {}

  /** The stored document is loaded: what the preview says now. */
  loaded(): void {
    this.last = sectionFirstLine(this.doc, 'actionStep');
  }

  /** Something was stored: write the preview soon, if it changed. */
  changed(): void {
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.write();
    }, PREVIEW_DELAY_MS).unref();
  }

  /** Writes now what is waiting (the room is unloading). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.write();
  }

  private async write(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const preview = sectionFirstLine(this.doc, 'actionStep');
    if (preview === this.last) return;
    try {
      await setActionStepPreview(this.services.db, this.meetingId, preview);
      this.last = preview;
    } catch (err) {
      this.services.logger.error('collab', 'could not store the action step preview', {
        meetingId: this.meetingId,
        err,
      });
    }
  }
}
