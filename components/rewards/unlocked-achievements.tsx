// The achievements a completion or a finished focus session just unlocked, named with their bonus.
// It sits inside the caller's role="status" feedback, so screen readers hear it with the rest.
import type { UnlockedAchievement } from "@/server/rewards/achievements";

export function UnlockedAchievements({ achievements }: { achievements: readonly UnlockedAchievement[] }) {
  if (achievements.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1" data-testid="achievements-unlocked">
      {achievements.map((a) => (
        <li key={a.key} className="font-medium" data-testid="achievement-unlocked" data-key={a.key} title={a.description}>
          <span aria-hidden="true">🏆 </span>
          Achievement unlocked: {a.title}
          {a.bonus > 0 ? ` (+${a.bonus} points)` : ""}
        </li>
      ))}
    </ul>
  );
}
