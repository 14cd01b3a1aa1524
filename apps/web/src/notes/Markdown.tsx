/** @module Renders parsed markdown as React elements: every string goes through React's escaping, never innerHTML. */
import { Children, memo, type ReactNode } from "react";
import { type Block, type Inline, parseMarkdown } from "./markdown.js";

// Children.toArray keys the nodes by position: the tree is rebuilt from text, so position is identity.
function inlines(nodes: readonly Inline[]): ReactNode[] {
  return Children.toArray(nodes.map(inline));
}

function inline(node: Inline): ReactNode {
  switch (node.t) {
    case "text":
      return node.v;
    case "code":
      return <code>{node.v}</code>;
    case "strong":
      return <strong>{inlines(node.c)}</strong>;
    case "em":
      return <em>{inlines(node.c)}</em>;
    case "del":
      return <del>{inlines(node.c)}</del>;
    case "link":
      // A note is untrusted text: its links open without handing this page to the target.
      return (
        <a href={node.href} rel="noopener noreferrer nofollow" target="_blank">
          {inlines(node.c)}
        </a>
      );
    case "br":
      return <br />;
  }
}

function blocks(nodes: readonly Block[]): ReactNode[] {
  return Children.toArray(nodes.map(block));
}

function block(node: Block): ReactNode {
  switch (node.t) {
    case "heading": {
      const H = `h${node.level}` as const;
      return <H>{inlines(node.c)}</H>;
    }
    case "paragraph":
      return <p>{inlines(node.c)}</p>;
    case "code":
      return (
        <pre data-lang={node.lang || undefined}>
          <code>{node.v}</code>
        </pre>
      );
    case "quote":
      return <blockquote>{blocks(node.c)}</blockquote>;
    case "list": {
      const items = Children.toArray(node.items.map(listItem));
      return node.ordered ? <ol start={node.start === 1 ? undefined : node.start}>{items}</ol> : <ul>{items}</ul>;
    }
    case "hr":
      return <hr />;
  }
}

/** A tight list item (one paragraph) shows its text without a <p> around it. */
function listItem(item: readonly Block[]): ReactNode {
  const [only] = item;
  return <li>{item.length === 1 && only?.t === "paragraph" ? inlines(only.c) : blocks(item)}</li>;
}

/** The preview of a note's markdown. Memoised: the editor re-renders on every keystroke. */
export const Markdown = memo(function Markdown({ source }: { source: string }) {
  return <div className="markdown">{blocks(parseMarkdown(source))}</div>;
});
