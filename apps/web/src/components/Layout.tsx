/** @module The signed-in frame: skip link, header with navigation and the account menu, and the main region. */
import type { UserView } from "@mosaic/contracts";
import { type ReactNode, useEffect, useRef } from "react";
import { brainNav } from "../brainRoutes.js";
import { usePathname } from "../router.js";
import { ConnectionBanner } from "./ConnectionBanner.js";
import { Link } from "./Link.js";

export interface LayoutProps {
  user: UserView;
  onSignOut: () => void;
  children: ReactNode;
}

/** Moves focus to the page on navigation, so keyboard and screen-reader users land on the new content. */
function useFocusOnNavigate() {
  const path = usePathname();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each navigation by design
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);
  return main;
}

export function Layout({ user, onSignOut, children }: LayoutProps) {
  const main = useFocusOnNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/projects" className="brand">
          Mosaic
        </Link>
        <nav aria-label="Main">
          <Link to="/projects" nav>
            Projects
          </Link>
          {brainNav.map((item) => (
            <Link key={item.to} to={item.to} nav>
              {item.label}
            </Link>
          ))}
          <Link to="/teams" nav>
            Teams
          </Link>
          <Link to="/settings/tokens" nav>
            Tokens
          </Link>
          {user.role === "admin" && (
            <>
              <Link to="/admin/users" nav>
                Users
              </Link>
              <Link to="/federation" nav>
                Federation
              </Link>
            </>
          )}
        </nav>
        <div className="account">
          <span className="who" title={user.email}>
            {user.name}
          </span>
          <button type="button" className="secondary" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <ConnectionBanner />
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
