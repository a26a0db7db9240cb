// The pet drawn per stage as a small SVG (decorative; the card says the stage and mood in words).
const stageScale = [0, 0.55, 0.7, 0.82, 0.92, 1];

export function PetDrawing({ stage, mood }: { stage: number; mood: string }) {
  if (stage <= 0) {
    return (
      <svg viewBox="0 0 120 120" className="h-28 w-28" aria-hidden="true" data-testid="pet-drawing" data-stage={stage}>
        <ellipse cx="60" cy="66" rx="30" ry="38" fill="#f3e6c8" stroke="#c9a86a" strokeWidth="3" />
        <path d="M38 62 l8 -6 l8 6 l8 -6 l8 6 l8 -6 l6 4" fill="none" stroke="#c9a86a" strokeWidth="3" />
      </svg>
    );
  }
  const s = stageScale[Math.min(stage, stageScale.length - 1)] ?? 1;
  const eyes = mood === "sleepy" ? "M47 62 h8 M65 62 h8" : "";
  return (
    <svg viewBox="0 0 120 120" className="h-28 w-28" aria-hidden="true" data-testid="pet-drawing" data-stage={stage}>
      <g transform={`translate(${60 - 60 * s} ${110 - 110 * s}) scale(${s})`}>
        {stage >= 3 ? <path d="M88 92 q26 -6 20 -34 q-10 18 -26 22 z" fill="#e07a3a" stroke="#b4571f" strokeWidth="2" /> : null}
        <ellipse cx="60" cy="88" rx="30" ry="22" fill="#e8873f" />
        <polygon points="34,40 44,14 54,38" fill="#e8873f" />
        <polygon points="66,38 76,14 86,40" fill="#e8873f" />
        <circle cx="60" cy="60" r="28" fill="#ef9450" />
        <path d="M40 66 q20 22 40 0 q-20 8 -40 0 z" fill="#fff4e6" />
        {eyes ? (
          <path d={eyes} stroke="#2b2b2b" strokeWidth="3" strokeLinecap="round" />
        ) : (
          <>
            <circle cx="51" cy="60" r="4" fill="#2b2b2b" />
            <circle cx="69" cy="60" r="4" fill="#2b2b2b" />
          </>
        )}
        <circle cx="60" cy="70" r="3" fill="#2b2b2b" />
        {stage >= 5 ? <path d="M46 30 l6 -10 l8 8 l8 -8 l6 10 z" fill="#f4c542" stroke="#b8901a" strokeWidth="2" /> : null}
      </g>
    </svg>
  );
}
