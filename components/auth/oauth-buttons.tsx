// GitHub / Google sign-in buttons, shown only for the providers the server has configured.
import { Button } from "../ui/button";

export function OAuthButtons({
  providers,
  signIn,
}: {
  providers: { id: string; name: string }[];
  signIn: (provider: string) => Promise<void>;
}) {
  if (providers.length === 0) return null;
  return (
    <div className="mt-4 flex flex-col gap-2 border-t border-[var(--line)] pt-4">
      {providers.map((p) => (
        <form key={p.id} action={signIn.bind(null, p.id)}>
          <Button type="submit" variant="quiet" className="w-full">
            Continue with {p.name}
          </Button>
        </form>
      ))}
    </div>
  );
}
