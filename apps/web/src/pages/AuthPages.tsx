/** @module First-run, sign-up and sign-in screens (what a person sees before they have a session). */
import { SignInBody, SignUpBody, type UserView } from "@mosaic/contracts";
import { type FormEvent, type ReactNode, useState } from "react";
import { ConnectionBanner } from "../components/ConnectionBanner.js";
import { Field, FormError } from "../components/Field.js";
import { Link } from "../components/Link.js";
import { ErrorNotice } from "../components/Status.js";
import { useApi } from "../context.js";
import { useAction, useTitle } from "../hooks.js";
import { type FieldErrors, type SafeParser, validate } from "../validation.js";

interface AuthProps {
  onSignedIn: (user: UserView) => void;
}

function AuthFrame({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  useTitle(title);
  return (
    <main id="main" className="auth" tabIndex={-1}>
      <ConnectionBanner />
      <p className="brand">Mosaic</p>
      <h1>{title}</h1>
      {intro && <p className="intro">{intro}</p>}
      {children}
    </main>
  );
}

function useAuthForm<T>(schema: SafeParser<T>, send: (body: T) => Promise<{ user: UserView }>, props: AuthProps) {
  const action = useAction();
  const [local, setLocal] = useState<FieldErrors>({});
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const values = Object.fromEntries(new FormData(e.currentTarget));
    const checked = validate(schema, values);
    if (!checked.ok) {
      setLocal(checked.fields);
      action.clear();
      return;
    }
    setLocal({});
    const result = await action.run(() => send(checked.value));
    if (result) props.onSignedIn(result.user);
  };
  const errors: FieldErrors = { ...action.fields, ...local };
  // Field problems are shown at their fields; the notice carries the rest (wrong password, conflict…).
  const notice = Object.keys(action.fields).length ? null : action.error;
  return { submit, errors, notice, pending: action.pending };
}

function SignUpForm({ props, cta }: { props: AuthProps; cta: string }) {
  const api = useApi();
  const form = useAuthForm(SignUpBody, api.auth.signUp, props);
  return (
    <form onSubmit={form.submit} noValidate>
      <Field label="Name" name="name" autoComplete="name" required error={form.errors.name} />
      <Field label="Email" name="email" type="email" autoComplete="email" required error={form.errors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters."
        error={form.errors.password}
      />
      <FormError message={form.errors[""]} />
      <ErrorNotice error={form.notice} />
      <button type="submit" disabled={form.pending}>
        {form.pending ? "Creating…" : cta}
      </button>
    </form>
  );
}

export function FirstRunPage(props: AuthProps) {
  return (
    <AuthFrame
      title="Welcome to Mosaic"
      intro="This gateway has no accounts yet. The account you create now becomes its administrator: it can disable accounts later. Everyone who signs up after you is a member."
    >
      <SignUpForm props={props} cta="Create the admin account" />
    </AuthFrame>
  );
}

export function SignUpPage(props: AuthProps) {
  return (
    <AuthFrame title="Create an account">
      <SignUpForm props={props} cta="Create account" />
      <p className="switch">
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </AuthFrame>
  );
}

export function SignInPage(props: AuthProps & { notice?: string | undefined }) {
  const api = useApi();
  const form = useAuthForm(SignInBody, api.auth.signIn, props);
  return (
    <AuthFrame title="Sign in">
      {props.notice && (
        <p className="notice" role="status">
          {props.notice}
        </p>
      )}
      <form onSubmit={form.submit} noValidate>
        <Field label="Email" name="email" type="email" autoComplete="email" required error={form.errors.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={form.errors.password}
        />
        <FormError message={form.errors[""]} />
        <ErrorNotice error={form.notice} />
        <button type="submit" disabled={form.pending}>
          {form.pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p className="switch">
        New here? <Link to="/sign-up">Create an account</Link>
      </p>
    </AuthFrame>
  );
}
