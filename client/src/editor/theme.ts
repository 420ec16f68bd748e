/** Class names Lexical puts on what it renders; styled in styles.css under `.ed-*`. */
import type { EditorThemeClasses } from 'lexical';

export const editorTheme: EditorThemeClasses = {
  paragraph: 'ed-p',
  text: { bold: 'ed-bold', italic: 'ed-italic' },
  list: {
    ul: 'ed-ul',
    ol: 'ed-ol',
    listitem: 'ed-li',
    nested: { listitem: 'ed-li-nested' },
  },
  collaboration: {
    cursor: 'ed-remote-caret',
    cursorName: 'ed-remote-name',
  },
};
