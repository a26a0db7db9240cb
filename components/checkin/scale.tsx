"use client";
// A 1–5 scale as a group of native radio buttons: arrow keys move between them, each has a name a
// screen reader says ("2, low"), and the chosen one is shown filled.
export function Scale({
  name,
  legend,
  words,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  words: [string, string, string, string, string];
  value: number | null;
  onChange: (value: number) => void;
}) {
  return (
    <fieldset className="flex flex-col gap-1" data-testid={`checkin-${name}`}>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {words.map((word, i) => {
          const n = i + 1;
          return (
            <label key={n} className="cursor-pointer">
              <input
                type="radio"
                name={name}
                value={n}
                checked={value === n}
                onChange={() => onChange(n)}
                className="peer sr-only"
              />
              <span className="flex min-h-10 min-w-16 flex-col items-center justify-center rounded-lg border border-[var(--line)] px-2 py-1 text-sm peer-checked:border-[var(--accent)] peer-checked:bg-[var(--accent)] peer-checked:text-[var(--accent-ink)] peer-focus-visible:outline-3 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-[var(--accent)]">
                <span className="font-semibold">{n}</span>
                <span className="text-xs">{word}</span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
