"use client";
// A coach message as Markdown, safely: no raw HTML (skipped), no images (a model could leak data
// through an image URL), links only http(s)/mailto and opened in a new tab without an opener.
import type { ComponentProps } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { safeUrl } from "./safe-url";

const components: Components = {
  a: ({ href, children }: ComponentProps<"a">) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer" className="text-[var(--accent)] underline">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  ul: ({ children }: ComponentProps<"ul">) => <ul className="ml-5 list-disc">{children}</ul>,
  ol: ({ children }: ComponentProps<"ol">) => <ol className="ml-5 list-decimal">{children}</ol>,
  code: ({ children }: ComponentProps<"code">) => <code className="rounded bg-[var(--line)]/50 px-1">{children}</code>,
  pre: ({ children }: ComponentProps<"pre">) => <pre className="overflow-x-auto rounded bg-[var(--line)]/40 p-2 text-sm">{children}</pre>,
  table: ({ children }: ComponentProps<"table">) => <table className="border-collapse text-sm">{children}</table>,
  th: ({ children }: ComponentProps<"th">) => <th className="border border-[var(--line)] px-2 py-1 text-left">{children}</th>,
  td: ({ children }: ComponentProps<"td">) => <td className="border border-[var(--line)] px-2 py-1">{children}</td>,
};

export function Markdown({ text }: { text: string }) {
  return (
    <div className="flex flex-col gap-2 break-words leading-relaxed">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        disallowedElements={["img"]}
        unwrapDisallowed
        urlTransform={(url) => safeUrl(url)}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
