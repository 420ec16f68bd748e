/** A refused request, said plainly under the control that made it. */
export function Ack({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {error}
    </p>
  );
}
