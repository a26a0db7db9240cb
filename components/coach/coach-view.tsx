"use client";
// The coach page: the conversation list beside the open conversation. The open one lives in the URL
// (/coach?c=<id>) so it is still there after a reload; a new conversation gets its id from the
// server's first reply and the URL is updated without reloading the chat.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useTRPC } from "../trpc/client";
import { ErrorNote } from "../ui/error-note";
import { ChatPanel, type CoachMessage } from "./chat-panel";
import { ConversationList } from "./conversation-list";

interface Open {
  id: string | null;
  /** Remounts the chat when the user opens another conversation (not when a new one gets its id). */
  key: string;
}

function setUrl(id: string | null) {
  window.history.replaceState(null, "", id ? `/coach?c=${encodeURIComponent(id)}` : "/coach");
}

function Conversation({ id, onConversation }: { id: string; onConversation: (id: string) => void }) {
  const trpc = useTRPC();
  const conversation = useQuery(trpc.conversation.get.queryOptions({ id }, { staleTime: Infinity, refetchOnWindowFocus: false }));
  if (conversation.error) return <ErrorNote error={conversation.error} retry={() => void conversation.refetch()} />;
  if (!conversation.data) return <p className="text-[var(--muted)]">Opening the conversation…</p>;
  return <ChatPanel conversationId={id} initialMessages={conversation.data.messages as CoachMessage[]} onConversation={onConversation} />;
}

export function CoachView({ initialId }: { initialId: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<Open>({ id: initialId, key: initialId ?? "new-0" });

  const openConversation = useCallback((id: string | null) => {
    setUrl(id);
    setOpen({ id, key: id ?? `new-${Date.now()}` });
  }, []);

  const onConversation = useCallback(
    (id: string) => {
      setOpen((current) => (current.id === id ? current : { id, key: current.key }));
      setUrl(id);
      void queryClient.invalidateQueries({ queryKey: trpc.conversation.list.queryKey() });
      // The next open of this conversation reads what was saved, not what was cached before this turn.
      void queryClient.invalidateQueries({ queryKey: trpc.conversation.get.queryKey({ id }) });
    },
    [queryClient, trpc],
  );

  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <aside className="md:w-64 md:shrink-0">
        <ConversationList
          activeId={open.id}
          onOpen={(id) => openConversation(id)}
          onNew={() => openConversation(null)}
          onDeleted={(id) => {
            if (id === open.id) openConversation(null);
          }}
        />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col" key={open.key}>
        {open.id && open.key === open.id ? (
          <Conversation id={open.id} onConversation={onConversation} />
        ) : (
          <ChatPanel conversationId={open.id} initialMessages={[]} onConversation={onConversation} />
        )}
      </div>
    </div>
  );
}
