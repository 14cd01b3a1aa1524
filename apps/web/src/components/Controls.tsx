/** @module Textarea and select fields wired like <Field>: a label, and an error tied to the control. */
import { type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from "react";

interface Shell {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
}

function useDescribed(id: string | undefined, error: string | undefined, hint: ReactNode) {
  const auto = useId();
  const controlId = id ?? auto;
  const showHint = Boolean(hint) && !error;
  const describedBy = error ? `${controlId}-error` : showHint ? `${controlId}-hint` : undefined;
  return { controlId, showHint, describedBy };
}

function Messages({
  id,
  error,
  hint,
  showHint,
}: {
  id: string;
  error?: string | undefined;
  hint: ReactNode;
  showHint: boolean;
}) {
  return (
    <>
      {showHint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  className,
  id,
  ...rest
}: Shell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { controlId, showHint, describedBy } = useDescribed(id, error, hint);
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={controlId}>{label}</label>
      <textarea id={controlId} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest} />
      <Messages id={controlId} error={error} hint={hint} showHint={showHint} />
    </div>
  );
}

export function SelectField({
  label,
  error,
  hint,
  className,
  id,
  children,
  ...rest
}: Shell & SelectHTMLAttributes<HTMLSelectElement>) {
  const { controlId, showHint, describedBy } = useDescribed(id, error, hint);
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={controlId}>{label}</label>
      <select id={controlId} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest}>
        {children}
      </select>
      <Messages id={controlId} error={error} hint={hint} showHint={showHint} />
    </div>
  );
}
