/** Small inline icons for the toolbar; decorative, the buttons carry the names. */
import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 20 20"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

export const BoldIcon = () => (
  <Icon>
    <path d="M6 4h5a3 3 0 0 1 0 6H6zM6 10h6a3 3 0 0 1 0 6H6z" strokeWidth="2.2" />
  </Icon>
);

export const ItalicIcon = () => (
  <Icon>
    <path d="M12 4H8.5M11.5 16H8M11 4l-2 12" />
  </Icon>
);

export const BulletListIcon = () => (
  <Icon>
    <circle cx="4.5" cy="6" r="1" fill="currentColor" />
    <circle cx="4.5" cy="14" r="1" fill="currentColor" />
    <path d="M8.5 6H16M8.5 14H16" />
  </Icon>
);

export const NumberedListIcon = () => (
  <Icon>
    <path
      d="M3.5 4.5l1.2-.8v4.3M3.4 12.3c.3-.6 2.3-.9 2.2.4-.1.9-2.3 1.9-2.3 3h2.5M8.5 6H16M8.5 14H16"
      strokeWidth="1.5"
    />
  </Icon>
);

export const UndoIcon = () => (
  <Icon>
    <path d="M7 5L3.5 8.5 7 12M4 8.5h7.5a4.5 4.5 0 0 1 0 9H9" />
  </Icon>
);

export const RedoIcon = () => (
  <Icon>
    <path d="M13 5l3.5 3.5L13 12M16 8.5H8.5a4.5 4.5 0 0 0 0 9H11" />
  </Icon>
);
