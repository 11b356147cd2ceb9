// unmask page theme: light or dark, as the system prefers
// (prefers-color-scheme) unless the theme button chose otherwise. The choice
// is kept in localStorage, and only while it differs from the system's, so
// that choosing the system's scheme again follows the system again. Loaded
// in <head>, not deferred, so that the page is first drawn in its theme.
"use strict";

(() => {
  const KEY = "unmask-theme";
  const root = document.documentElement;
  const system = matchMedia("(prefers-color-scheme: dark)");
  const load = () => { try { return localStorage.getItem(KEY); } catch { return null; } };
  let choice = load(); // "dark", "light" or null (follow the system)

  const isDark = () => choice === "dark" || (choice !== "light" && system.matches);

  function apply() {
    if (choice === "dark" || choice === "light") root.dataset.theme = choice;
    else delete root.dataset.theme;
    document.getElementById("theme")?.setAttribute("aria-pressed", String(isDark()));
  }

  function toggle() {
    const dark = !isDark();
    choice = dark === system.matches ? null : dark ? "dark" : "light";
    try {
      if (choice) localStorage.setItem(KEY, choice);
      else localStorage.removeItem(KEY);
    } catch { /* storage blocked: the choice lasts for this page view */ }
    apply();
  }

  apply();
  system.addEventListener("change", apply);
  window.addEventListener("storage", (e) => { if (e.key === KEY) { choice = load(); apply(); } });
  document.addEventListener("DOMContentLoaded", () => {
    apply();
    document.getElementById("theme").addEventListener("click", toggle);
  });
})();
