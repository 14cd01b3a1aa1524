/** @module An <a> that navigates inside the app on a plain click and stays a real link otherwise. */
import type { AnchorHTMLAttributes, MouseEvent } from "react";
import { isPlainClick, navigate, usePathname } from "../router.js";

export interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  to: string;
  /** Marks the link as the current page (aria-current) when the path starts with `to`. */
  nav?: boolean;
}

export function Link({ to, nav, onClick, children, ...rest }: LinkProps) {
  const path = usePathname();
  const current = nav && (path === to || path.startsWith(`${to}/`));
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (!isPlainClick(e)) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handle} aria-current={current ? "page" : undefined} {...rest}>
      {children}
    </a>
  );
}
