"use client";
// Settings → "Assistants (MCP)": API keys for FocusForge's MCP server — make one with a name (its
// secret is shown once, with a copy button), see when each was made and last used, revoke one after
// a confirmation — and the configs to paste into Claude Desktop or any Streamable HTTP client.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { type FormEvent, useId, useState, useSyncExternalStore } from "react";
import type { AppRouter } from "@/server/api/root";
import { errorMessage, useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ErrorNote } from "../ui/error-note";
import { Field } from "../ui/field";
import { claudeCodeCommand, claudeDesktopConfig, mcpEndpoint, streamableHttpConfig } from "./mcp-config-text";

type ApiKey = inferRouterOutputs<AppRouter>["apiKey"]["list"][number];

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const noop = () => () => {};

/** This page's origin in the browser ("" while rendering on the server). */
function useOrigin(): string {
  return useSyncExternalStore(noop, () => window.location.origin, () => "");
}

function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="quiet" onClick={() => void copy()} data-testid={testId} aria-label={label}>
        Copy
      </Button>
      <span role="status" className="text-sm text-[var(--muted)]">
        {state === "copied" ? "Copied." : state === "failed" ? "Couldn't copy: select the text and copy it yourself." : ""}
      </span>
    </span>
  );
}

export function ApiKeys() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKey.list.queryOptions());
  const [name, setName] = useState("");
  const [fresh, setFresh] = useState<{ key: string; name: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
  const create = useMutation(
    trpc.apiKey.create.mutationOptions({
      onSuccess: (data) => {
        setFresh({ key: data.key, name: data.apiKey.name });
        setName("");
        void refresh();
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name });
  };
  const nameError = create.error ? errorMessage(create.error) : undefined;

  return (
    <section aria-labelledby="api-keys-heading" className="flex flex-col gap-4" data-testid="api-keys">
      <div className="flex flex-col gap-1">
        <h2 id="api-keys-heading" className="text-lg font-semibold">
          Assistants (MCP)
        </h2>
        <p className="text-sm text-[var(--muted)]">
          Let an AI assistant such as Claude Desktop or Cursor see and manage your tasks, plan and check-ins through FocusForge&apos;s MCP
          server. Each assistant gets its own API key; revoke it and it stops working at once.
        </p>
      </div>

      <form onSubmit={submit} className="flex flex-col gap-2 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4" noValidate>
        <Field
          id="api-key-name"
          label="Name for a new key"
          placeholder="e.g. Claude Desktop on my laptop"
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          error={nameError}
          data-testid="api-key-name"
        />
        <Button type="submit" className="self-start" disabled={create.isPending} aria-busy={create.isPending} data-testid="api-key-create">
          {create.isPending ? "Creating…" : "Create key"}
        </Button>
      </form>

      {fresh ? <NewKey fresh={fresh} onDone={() => setFresh(null)} /> : null}

      <div className="flex flex-col gap-2">
        <h3 className="font-semibold">Your keys</h3>
        {keys.isPending ? <p className="text-[var(--muted)]">Loading keys…</p> : null}
        {keys.error ? <ErrorNote error={keys.error} retry={() => void keys.refetch()} /> : null}
        {keys.data && keys.data.length === 0 ? <p className="text-sm text-[var(--muted)]">No keys yet.</p> : null}
        {keys.data && keys.data.length > 0 ? (
          <ul className="flex flex-col gap-2" data-testid="api-key-list">
            {keys.data.map((k) => (
              <KeyRow key={k.id} apiKey={k} onRevoked={() => void refresh()} />
            ))}
          </ul>
        ) : null}
      </div>

      <McpConfig apiKey={fresh?.key ?? null} />
    </section>
  );
}

function NewKey({ fresh, onDone }: { fresh: { key: string; name: string }; onDone: () => void }) {
  const id = useId();
  return (
    <div role="region" aria-labelledby={`${id}-title`} className="flex flex-col gap-2 rounded-xl border-2 border-[var(--accent)] bg-[var(--panel)] p-4" data-testid="api-key-new">
      <h3 id={`${id}-title`} className="font-semibold">
        Your new key “{fresh.name}”
      </h3>
      <p className="text-sm font-medium text-[var(--danger)]">Copy it now: it is shown only this once. FocusForge keeps only a fingerprint of it.</p>
      <label htmlFor={`${id}-secret`} className="text-sm font-medium">
        API key
      </label>
      <input
        id={`${id}-secret`}
        readOnly
        value={fresh.key}
        onFocus={(e) => e.currentTarget.select()}
        className="min-h-11 rounded-lg border border-[var(--line)] bg-[var(--bg)] px-3 py-2 font-mono text-sm"
        data-testid="api-key-secret"
      />
      <div className="flex flex-wrap items-center gap-2">
        <CopyButton text={fresh.key} label="Copy the API key" testId="api-key-copy" />
        <Button variant="quiet" onClick={onDone} data-testid="api-key-done">
          I&apos;ve saved it
        </Button>
      </div>
    </div>
  );
}

function KeyRow({ apiKey, onRevoked }: { apiKey: ApiKey; onRevoked: () => void }) {
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation(trpc.apiKey.revoke.mutationOptions({ onSuccess: () => { setConfirming(false); onRevoked(); } }));
  const revoked = apiKey.revokedAt !== null;
  return (
    <li className="flex flex-col gap-2 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-3" data-testid="api-key-row" data-key-prefix={apiKey.prefix}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">{apiKey.name}</span>
        <code className="text-sm text-[var(--muted)]">{apiKey.prefix}…</code>
      </div>
      <p className="text-sm text-[var(--muted)]">
        Created {when.format(apiKey.createdAt)} · {apiKey.lastUsedAt ? `last used ${when.format(apiKey.lastUsedAt)}` : "never used"}
        {revoked && apiKey.revokedAt ? ` · revoked ${when.format(apiKey.revokedAt)}` : ""}
      </p>
      {revoked ? (
        <p className="text-sm font-medium" data-testid="api-key-revoked">
          Revoked
        </p>
      ) : confirming ? (
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label={`Confirm revoking ${apiKey.name}`}>
          <span className="text-sm">Revoke “{apiKey.name}”? Assistants using it lose access at once.</span>
          <Button variant="danger" onClick={() => revoke.mutate({ id: apiKey.id })} disabled={revoke.isPending} data-testid="api-key-revoke-confirm">
            Yes, revoke
          </Button>
          <Button variant="quiet" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="danger" className="self-start" onClick={() => setConfirming(true)} aria-label={`Revoke ${apiKey.name}`} data-testid="api-key-revoke">
          Revoke
        </Button>
      )}
      {revoke.error ? <ErrorNote error={revoke.error} /> : null}
    </li>
  );
}

function Snippet({ title, text, hint, testId }: { title: string; text: string; hint: string; testId: string }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 id={id} className="text-sm font-semibold">
          {title}
        </h4>
        <CopyButton text={text} label={`Copy the ${title} config`} />
      </div>
      <p className="text-sm text-[var(--muted)]">{hint}</p>
      <pre
        aria-labelledby={id}
        tabIndex={0}
        className="overflow-x-auto rounded-lg border border-[var(--line)] bg-[var(--bg)] p-3 font-mono text-xs"
        data-testid={testId}
      >
        {text}
      </pre>
    </div>
  );
}

function McpConfig({ apiKey }: { apiKey: string | null }) {
  const origin = useOrigin();
  if (!origin) return null;
  const key = apiKey ?? undefined;
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-[var(--line)] bg-[var(--panel)] p-4" data-testid="mcp-config">
      <h3 className="font-semibold">Connect an assistant</h3>
      <p className="text-sm text-[var(--muted)]">
        Server: <code data-testid="mcp-endpoint">{mcpEndpoint(origin)}</code> (MCP Streamable HTTP, API key as a Bearer token).
        {apiKey ? " The configs below include your new key." : " Make a key above, then put it where the config says <your API key>."}
      </p>
      <Snippet
        title="Claude Desktop"
        testId="mcp-config-claude"
        hint="Settings → Developer → Edit Config opens claude_desktop_config.json; merge this in and restart Claude. Needs Node.js (npx runs the mcp-remote bridge)."
        text={claudeDesktopConfig(origin, key)}
      />
      <Snippet
        title="Streamable HTTP clients"
        testId="mcp-config-http"
        hint="For clients that take a URL and headers, e.g. Cursor (~/.cursor/mcp.json), VS Code or Windsurf."
        text={streamableHttpConfig(origin, key)}
      />
      <Snippet title="Claude Code" testId="mcp-config-claude-code" hint="Run once in a terminal." text={claudeCodeCommand(origin, key)} />
      <p className="text-sm text-[var(--muted)]">
        Keep keys private: anyone with one can read and change your tasks. The delete tool is marked destructive, so assistants that
        honour MCP hints ask you before running it.
      </p>
    </div>
  );
}
