// Links in coach messages: only http(s) and mailto survive.
import { describe, expect, it } from "vitest";
import { safeUrl } from "./safe-url";

describe("safeUrl", () => {
  it("keeps http, https and mailto links", () => {
    expect(safeUrl("https://example.com/a?b=1")).toBe("https://example.com/a?b=1");
    expect(safeUrl("http://example.com")).toBe("http://example.com/");
    expect(safeUrl("mailto:me@example.com")).toBe("mailto:me@example.com");
  });
  it("drops every other scheme and relative links", () => {
    for (const url of ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x", "/settings", "//evil.example", "file:///etc/passwd", "https//broken"]) {
      expect(safeUrl(url)).toBeNull();
    }
  });
});
