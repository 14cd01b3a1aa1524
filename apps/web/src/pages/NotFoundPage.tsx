/** @module The not-found page: unknown paths, and objects that don't exist or aren't the caller's to see. */
import { Link } from "../components/Link.js";
import { useTitle } from "../hooks.js";

export function NotFoundPage({ what = "Page" }: { what?: string }) {
  useTitle(`${what} not found`);
  return (
    <section className="not-found">
      <h1>{what} not found</h1>
      <p>It doesn't exist, or your account can't see it.</p>
      <p>
        <Link to="/projects">Go to your projects</Link>
      </p>
    </section>
  );
}
