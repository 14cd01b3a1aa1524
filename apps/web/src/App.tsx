/** @module The dashboard shell: boots the session (first run, signed out, signed in) and renders the page for the URL. */
import type { UserView } from "@mosaic/contracts";
import { useCallback, useEffect, useState } from "react";
import { ApiError } from "./api/errors.js";
import { connectLive, liveUrl } from "./api/live.js";
import { ConnectionBanner } from "./components/ConnectionBanner.js";
import { Layout } from "./components/Layout.js";
import { ErrorNotice, Loading } from "./components/Status.js";
import { ServicesContext, useConnection, useServices } from "./context.js";
import { FirstRunPage, SignInPage, SignUpPage } from "./pages/AuthPages.js";
import { NotFoundPage } from "./pages/NotFoundPage.js";
import { navigate, resolveRoute, usePathname } from "./router.js";
import { AUTH_PATHS, HOME, pageRoutes } from "./routes.js";
import type { WiredServices } from "./services.js";

type Session =
  | { kind: "booting" }
  | { kind: "failed"; error: unknown }
  | { kind: "first-run" }
  | { kind: "signed-out"; notice?: string }
  | { kind: "signed-in"; user: UserView };

function useSession(services: WiredServices) {
  const { api } = services;
  const { epoch } = useConnection();
  const [session, setSession] = useState<Session>({ kind: "booting" });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: epoch and attempt are the retry triggers
  useEffect(() => {
    let cancelled = false;
    const boot = async (): Promise<Session> => {
      const { hasUsers } = await api.auth.status();
      if (!hasUsers) return { kind: "first-run" };
      try {
        return { kind: "signed-in", user: (await api.auth.me()).user };
      } catch (err) {
        if (err instanceof ApiError && err.code === "unauthenticated") return { kind: "signed-out" };
        throw err;
      }
    };
    setSession((s) => (s.kind === "failed" ? { kind: "booting" } : s));
    boot().then(
      (s) => !cancelled && setSession(s),
      // Unreachable: keep what is on screen (the banner says why); the epoch bump on reconnect retries.
      (error: unknown) =>
        !cancelled && setSession((s) => (s.kind === "booting" || s.kind === "failed" ? { kind: "failed", error } : s)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, epoch, attempt]);

  useEffect(
    () =>
      services.onSessionLost(() => setSession({ kind: "signed-out", notice: "Your session ended — sign in again." })),
    [services],
  );
  return { session, setSession, retry: useCallback(() => setAttempt((n) => n + 1), []) };
}

function SignedIn({ user, onSignOut }: { user: UserView; onSignOut: () => void }) {
  const path = usePathname();
  const { live } = useServices();
  useEffect(() => connectLive(live, liveUrl(window.location)), [live]);
  useEffect(() => {
    if (path === "/" || AUTH_PATHS.has(path)) navigate(HOME, { replace: true });
  }, [path]);
  const match = resolveRoute(pageRoutes, path);
  return (
    <Layout user={user} onSignOut={onSignOut}>
      {match ? match.route.render(match.params, user) : path === "/" ? null : <NotFoundPage />}
    </Layout>
  );
}

function Shell({ services }: { services: WiredServices }) {
  const { session, setSession, retry } = useSession(services);
  const path = usePathname();
  const signedIn = (user: UserView) => setSession({ kind: "signed-in", user });
  const signOut = async () => {
    try {
      await services.api.auth.signOut();
    } finally {
      setSession({ kind: "signed-out" });
      navigate("/sign-in", { replace: true });
    }
  };

  switch (session.kind) {
    case "booting":
      return (
        <main id="main" className="auth">
          <ConnectionBanner />
          <Loading label="Connecting to the gateway…" />
        </main>
      );
    case "failed":
      return (
        <main id="main" className="auth">
          <ConnectionBanner />
          <h1>Mosaic</h1>
          <ErrorNotice error={session.error} retry={retry} />
        </main>
      );
    case "first-run":
      return <FirstRunPage onSignedIn={signedIn} />;
    case "signed-out":
      return path === "/sign-up" ? (
        <SignUpPage onSignedIn={signedIn} />
      ) : (
        <SignInPage onSignedIn={signedIn} notice={session.notice} />
      );
    case "signed-in":
      return <SignedIn user={session.user} onSignOut={() => void signOut()} />;
  }
}

export function App({ services }: { services: WiredServices }) {
  return (
    <ServicesContext.Provider value={services}>
      <Shell services={services} />
    </ServicesContext.Provider>
  );
}
