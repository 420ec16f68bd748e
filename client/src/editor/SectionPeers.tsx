/** "Jamie is here": who else has their caret in this section right now, in their cursor colour. */
import type { Peer } from '../collab/useSectionPeers.js';

export function SectionPeers({ peers }: { peers: Peer[] }) {
  if (peers.length === 0) return null;
  const names = peers.map((p) => p.name);
  const text = names.length === 1 ? `${names[0]} is here` : `${names.join(' and ')} are here`;
  return (
    <span className="section-peers" data-testid="section-peers">
      <span className="section-peers-dot" style={{ background: peers[0]?.colour || undefined }} aria-hidden="true" />
      {text}
    </span>
  );
}
