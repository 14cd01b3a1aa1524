/** @module Renders parsed markdown as React elements: every string goes through React's escaping, never innerHTML. */
import { memo, type ReactNode } from "react";
import { type Block, type Inline, parseMarkdown } from "./markdown.js";

function inlines(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.t) {
      case "text":
        return node.v;
      case "code":
        return <code key={i}>{node.v}</code>;
      case "strong":
        return <strong key={i}>{inlines(node.c)}</strong>;
      case "em":
        return <em key={i}>{inlines(node.c)}</em>;
      case "del":
        return <del key={i}>{inlines(node.c)}</del>;
      case "link":
        // A note is untrusted text: its links open without handing this page to the target.
        return (
          <a key={i} href={node.href} rel="noopener noreferrer nofollow" target="_blank">
            {inlines(node.c)}
          </a>
        );
      case "br":
        return <br key={i} />;
    }
  });
}

function blocks(nodes: readonly Block[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.t) {
      case "heading": {
        const H = `h${node.level}` as const;
        return <H key={i}>{inlines(node.c)}</H>;
      }
      case "paragraph":
        return <p key={i}>{inlines(node.c)}</p>;
      case "code":
        return (
          <pre key={i} data-lang={node.lang || undefined}>
            <code>{node.v}</code>
          </pre>
        );
      case "quote":
        return <blockquote key={i}>{blocks(node.c)}</blockquote>;
      case "list": {
        const items = node.items.map((item, j) => <li key={j}>{listItem(item)}</li>);
        return node.ordered ? (
          <ol key={i} start={node.start === 1 ? undefined : node.start}>
            {items}
          </ol>
        ) : (
          <ul key={i}>{items}</ul>
        );
      }
      case "hr":
        return <hr key={i} />;
    }
  });
}

/** A tight list item (one paragraph) shows its text without a <p> around it. */
function listItem(item: readonly Block[]): ReactNode {
  const [only] = item;
  if (item.length === 1 && only?.t === "paragraph") return inlines(only.c);
  return blocks(item);
}

/** The preview of a note's markdown. Memoised: the editor re-renders on every keystroke. */
export const Markdown = memo(function Markdown({ source }: { source: string }) {
  return <div className="markdown">{blocks(parseMarkdown(source))}</div>;
});
