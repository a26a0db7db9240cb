// Buttons: primary, quiet and danger, with visible focus and a pending state.
import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "quiet" | "danger";

const styles: Record<Variant, string> = {
  primary: "bg-[var(--accent)] text-[var(--accent-ink)] hover:opacity-90",
  quiet: "border border-[var(--line)] bg-transparent text-[var(--ink)] hover:bg-[var(--line)]/40",
  danger: "border border-[var(--danger)] bg-transparent text-[var(--danger)] hover:bg-[var(--danger)]/10",
};

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      type="button"
      {...props}
      className={`inline-flex min-h-10 items-center justify-center gap-2 rounded-lg px-3 py-2 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-60 ${styles[variant]} ${className}`}
    />
  );
}
