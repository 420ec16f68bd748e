/** A form's own buttons: the submit (primary, held while the form is sent) and Cancel. */
export function FormActions({
  submit = 'Save',
  busy = false,
  onCancel,
  className = 'practice-actions',
  cancelClassName = 'button',
}: {
  submit?: string;
  busy?: boolean;
  onCancel: () => void;
  className?: string;
  cancelClassName?: string;
}) {
  return (
    <div className={className}>
      <button type="submit" className="button button--primary" disabled={busy}>
        {submit}
      </button>
      <button type="button" className={cancelClassName} onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
