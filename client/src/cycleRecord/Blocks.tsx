/**
 * A section's formatted text (`shared/docContent.ts` blocks) as React elements:
 * paragraphs, headings, quotes, nested lists, the five text formats and line
 * breaks. Text only: nothing is ever read as HTML.
 */
import type { ReactNode } from 'react';
import { blocksAreEmpty, type Block, type Inline } from '../../../shared/docContent.js';
import styles from './cycleRecord.module.css';

export function Blocks({ blocks }: { blocks: Block[] }) {
  if (blocksAreEmpty(blocks)) return <p className={styles.emptyNote}>Nothing written.</p>;
  return (
    <>
      {blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'paragraph':
      return <p>{inlines(block.inlines)}</p>;
    case 'quote':
      return <blockquote>{inlines(block.inlines)}</blockquote>;
    case 'heading': {
      // Sections sit under a meeting's h3, so a heading in the notes starts at h4.
      const level = Math.min(6, block.level + 3);
      const Tag = `h${level}` as 'h4' | 'h5' | 'h6';
      return <Tag>{inlines(block.inlines)}</Tag>;
    }
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i}>
          {block.checklist && <span>{item.checked ? '☑ ' : '☐ '}</span>}
          {inlines(item.inlines)}
          {item.children.map((child, j) => (
            <BlockView key={j} block={child} />
          ))}
        </li>
      ));
      return block.ordered ? <ol start={block.start}>{items}</ol> : <ul>{items}</ul>;
    }
  }
}

function inlines(list: Inline[]): ReactNode[] {
  return list.map((inline, i) => {
    if (inline.kind === 'break') return <br key={i} />;
    let node: ReactNode = inline.text;
    if (inline.code) node = <code>{node}</code>;
    if (inline.bold) node = <strong>{node}</strong>;
    if (inline.italic) node = <em>{node}</em>;
    if (inline.underline) node = <u>{node}</u>;
    if (inline.strikethrough) node = <s>{node}</s>;
    return <span key={i}>{node}</span>;
  });
}
