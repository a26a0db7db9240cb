// Every page, as people meet it: axe (WCAG 2.1 A/AA) with 0 violations in the light and the dark
// theme, nothing scrolling sideways on a phone (390×844, and the menu at 360 px), the main menu usable
// on a phone, the skip link and quick add by keyboard, and the theme toggle applied before paint.
import type { Page } from "@playwright/test";
import { expectNoA11yViolations } from "./axe";
import { addTask, expect, signUp, startSignUp, taskItem, test } from "./fixtures";
import { zoneWhereItIsSeven } from "./time-zone";

test.use({ timezoneId: zoneWhereItIsSeven() });
// Each axe pass takes a few seconds on a busy two-core machine, and a page gets three or more.
test.describe.configure({ timeout: 180_000 });

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
const background = { light: "rgb(247, 246, 242)", dark: "rgb(21, 24, 28)" } as const;

/** Wait until the page has drawn what it loads: a heading, nothing busy, no "Loading…" left. */
async function settled(page: Page) {
  await expect(page.locator("h1").first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByText(/^Loading\b/)).toHaveCount(0);
}

async function expectNoHorizontalOverflow(page: Page, label: string) {
  await expect
    .poll(
      () => page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth),
      { message: `${label}: the page is wider than the screen (px too wide)` },
    )
    .toBeLessThanOrEqual(0);
}

/** axe in the light and the dark theme, then the phone pass (no sideways scroll, the menu works). */
async function checkPage(page: Page, label: string, { signedIn = true } = {}) {
  for (const colorScheme of ["light", "dark"] as const) {
    await test.step(`${label}: axe, ${colorScheme}`, async () => {
      await page.emulateMedia({ colorScheme });
      await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background[colorScheme]);
      await expectNoA11yViolations(page, { label: `${label}, ${colorScheme}`, soft: true });
    });
  }
  await test.step(`${label}: phone`, async () => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize(phone);
    await expectNoHorizontalOverflow(page, label);
    if (signedIn) {
      const menu = page.getByTestId("nav-menu");
      await expect(page.getByTestId("nav-settings")).toBeHidden();
      await menu.click();
      await expect(menu).toHaveAttribute("aria-expanded", "true");
      await expect(page.getByTestId("nav-settings")).toBeVisible();
      await expectNoHorizontalOverflow(page, `${label} with the menu open`);
      await expectNoA11yViolations(page, { label: `${label}, phone, menu open`, soft: true });
      await menu.click();
      await expect(page.getByTestId("nav-settings")).toBeHidden();
    }
    await page.setViewportSize(desktop);
  });
}

async function open(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} answers`).toBe(200);
  await expect(page).toHaveURL(new RegExp(`${path === "/" ? "/$" : `${path}(\\?|$)`}`));
  await settled(page);
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize(desktop);
});

test("sign-in page, and its error", async ({ page }) => {
  await open(page, "/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Welcome back" })).toBeVisible();
  await checkPage(page, "Sign in", { signedIn: false });
  // A failed sign-in shows its error: check that state too.
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not the right password");
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("form-error")).toBeVisible();
  await expectNoA11yViolations(page, { label: "Sign in with an error, light" });
});

test("sign-up page", async ({ page }) => {
  await open(page, "/sign-up");
  await checkPage(page, "Sign up", { signedIn: false });
});

test("onboarding, where a new account starts", async ({ page, account }) => {
  await startSignUp(page, account);
  await settled(page);
  await checkPage(page, "Onboarding, step 1");
});

test("Today with tasks, the day plan, a done task and the points open", async ({ page, account }) => {
  await signUp(page, account);
  await settled(page);
  await checkPage(page, "Today, empty");

  await addTask(page, "Email the landlord about the boiler");
  await addTask(page, "Buy groceries for the week");
  await expect(taskItem(page, "Buy groceries for the week").getByTestId("task-estimate")).toBeVisible();
  await page.getByTestId("plan-generate").click();
  // A long task may be split into several blocks: what matters here is that both are planned.
  for (const title of ["Email the landlord about the boiler", "Buy groceries for the week"]) {
    await expect(page.locator(`[data-testid="plan-block"][data-kind="task"][data-title="${title}"]`).first()).toBeVisible();
  }
  await taskItem(page, "Email the landlord about the boiler").getByTestId("task-toggle").check();
  await expect(page.getByTestId("done-list").getByTestId("points-earned")).toBeVisible();
  await taskItem(page, "Buy groceries for the week").getByTestId("task-expand").click();
  await page.getByTestId("points-badge").locator("summary").click();
  await settled(page);
  await checkPage(page, "Today with tasks and the plan");
});

// The other signed-in pages. Planner and Memory get a task first so they have something to show.
const pages: { name: string; path: string; withTask?: boolean }[] = [
  { name: "Planner", path: "/planner", withTask: true },
  { name: "Memory", path: "/memory", withTask: true },
  { name: "Settings", path: "/settings" },
  { name: "Focus", path: "/focus", withTask: true },
  { name: "Coach", path: "/coach" },
  { name: "Rewards", path: "/rewards" },
  { name: "Insights", path: "/insights", withTask: true },
  { name: "Zones", path: "/zones" },
  { name: "Templates", path: "/templates" },
];

for (const { name, path, withTask } of pages) {
  test(`${name} (${path})`, async ({ page, account }) => {
    await signUp(page, account);
    if (withTask) await addTask(page, "Water the plants");
    await open(page, path);
    // The nav marks where we are.
    await expect(page.getByTestId(`nav-${path.slice(1)}`)).toHaveAttribute("aria-current", "page");
    await checkPage(page, name);
  });
}

test("phone: the menu at 360 px opens, marks the page, navigates, and closes with Escape", async ({ page, account }) => {
  await signUp(page, account);
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoHorizontalOverflow(page, "Today at 360 px");
  const menu = page.getByTestId("nav-menu");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(page.getByTestId("nav-today")).toHaveAttribute("aria-current", "page");
  await expectNoHorizontalOverflow(page, "Today at 360 px with the menu open");
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await expect(page.getByTestId("nav-planner")).toBeHidden();

  await menu.click();
  await page.getByTestId("nav-settings").click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByTestId("nav-settings")).toBeHidden(); // the menu closed on navigation
  await menu.click();
  await expect(page.getByTestId("nav-settings")).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("nav-today")).not.toHaveAttribute("aria-current", "page");
  await expectNoHorizontalOverflow(page, "Settings at 360 px with the menu open");
});

test("keyboard: Tab to the skip link, jump to the content, Tab to quick add, Enter adds the task", async ({ page, account }) => {
  await signUp(page, account);
  await page.goto("/");
  await settled(page);
  await page.keyboard.press("Tab");
  const skip = page.getByTestId("skip-link");
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible(); // shown when focused
  await page.keyboard.press("Enter");
  await expect(page.locator("#main-content")).toBeFocused();

  const quickAdd = page.getByTestId("quick-add");
  // Only what sits before quick add in Today's header (sign out) may come first.
  for (let presses = 0; presses < 3 && !(await quickAdd.evaluate((el) => el === document.activeElement)); presses++) {
    await page.keyboard.press("Tab");
  }
  await expect(quickAdd).toBeFocused();
  await page.keyboard.type("Phone the dentist");
  await page.keyboard.press("Enter");
  await expect(taskItem(page, "Phone the dentist")).toBeVisible();
  await expect(quickAdd).toHaveValue("");
  await expect(quickAdd).toBeFocused();
});

test("theme toggle: Dark by hand is applied before the app's scripts run; System follows the device again", async ({ page, account }) => {
  await signUp(page, account);
  await page.emulateMedia({ colorScheme: "light" });
  const toggle = page.getByTestId("theme-toggle");
  await expect(toggle).toHaveValue("system");
  await toggle.selectOption("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background.dark);
  await expectNoA11yViolations(page, { label: "Today, dark chosen by hand on a light device" });

  // With every Next.js script blocked, only the inline script in the layout can set the theme.
  await page.route(/\/_next\/static\/.*\.js(\?.*)?$/, (route) => route.abort());
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background.dark);
  await page.unroute(/\/_next\/static\/.*\.js(\?.*)?$/);

  await page.reload();
  await expect(toggle).toHaveValue("dark");
  await toggle.selectOption("light");
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background.light);
  await toggle.selectOption("system");
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.+/);
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background.dark);
  await page.reload();
  await expect(toggle).toHaveValue("system");
});
