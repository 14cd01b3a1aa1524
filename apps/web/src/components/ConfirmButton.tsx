/** @module A button that asks first, in a native modal <dialog> (focus is trapped and Esc cancels). */
import { type ReactNode, useId, useRef, useState } from "react";
import { describeError } from "../api/errors.js";

export interface ConfirmButtonProps {
  /** The button's text, and the confirm button's unless `confirmLabel` is given. */
  label: string;
  title: string;
  children: ReactNode;
  confirmLabel?: string;
  danger?: boolean;
  disabled?: boolean;
  /** Runs on confirm; the dialog stays open showing the error if it throws. */
  onConfirm: () => Promise<unknown>;
}

export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  danger,
  disabled,
  onConfirm,
}: ConfirmButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      dialog.current?.close();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className={danger ? "danger" : "secondary"}
        disabled={disabled}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        {label}
      </button>
      {/* showModal() focuses the first button, Cancel: the safe choice for Enter. */}
      <dialog ref={dialog} aria-labelledby={titleId} className="confirm">
        <h2 id={titleId}>{title}</h2>
        <div>{children}</div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="button" className={danger ? "danger" : undefined} disabled={pending} onClick={confirm}>
            {pending ? "Working…" : (confirmLabel ?? label)}
          </button>
        </div>
      </dialog>
    </>
  );
}
