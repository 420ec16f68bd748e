/**
 * Shows, as plain text, a node in a section that the editors cannot draw: a
 * `Y.XmlElement` (Lexical's shape for a decorator, which the editors never
 * write), read through the section's drawable view (drawableView.ts), which
 * gives it this type and its text. It only shows: nothing ever writes this type
 * into the document (the server would refuse it), and copying it copies its text.
 */
import {
  $getDocument,
  DecoratorNode,
  type EditorConfig,
  type LexicalNode,
  type SerializedLexicalNode,
  type SerializedTextNode,
} from 'lexical';
import { UNDRAWABLE_TYPE } from './drawableView.js';

export class UndrawableNode extends DecoratorNode<string> {
  /** Set by the binding from the drawable view (`UNDRAWABLE_TEXT`). */
  __undrawableText = '';

  override $config() {
    return this.config(UNDRAWABLE_TYPE, { extends: DecoratorNode });
  }

  override afterCloneFrom(prevNode: this): void {
    super.afterCloneFrom(prevNode);
    this.__undrawableText = prevNode.__undrawableText;
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const element = $getDocument().createElement('div');
    // Laid out as the paragraph it stands for.
    element.className = [config.theme.paragraph, 'ed-undrawable'].filter(Boolean).join(' ');
    return element;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): false {
    return false;
  }

  override getTextContent(): string {
    return this.getLatest().__undrawableText;
  }

  override decorate(): string {
    return this.getLatest().__undrawableText;
  }

  /** Copied or cut, it is its text: this type must never be written into a document. */
  override exportJSON(): SerializedLexicalNode {
    const text: SerializedTextNode = {
      type: 'text',
      version: 1,
      text: this.getTextContent(),
      format: 0,
      style: '',
      mode: 'normal',
      detail: 0,
    };
    return text;
  }
}

export function $isUndrawableNode(node: LexicalNode | null | undefined): node is UndrawableNode {
  return node instanceof UndrawableNode;
}
