// The colour theme choice (system, light or dark): where it is stored and the tiny script the root
// layout inlines so the chosen theme is applied before first paint (no flash of the wrong theme).
export type ThemeChoice = "system" | "light" | "dark";

export const THEME_STORAGE_KEY = "focusforge-theme";

/** Sets html[data-theme] from localStorage; "system" (or nothing stored) leaves it to the media query. */
export const themeInitScript = `try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return value === "system" || value === "light" || value === "dark";
}
