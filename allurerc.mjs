// Allure Report 3 configuration (npm `allure`, pinned in package.json / package-lock.json).
// `make report` (reports/build.py) runs `allure generate` with this file; the result is one
// HTML file. See docs/report.md.
import { readFileSync } from "node:fs";
import { defineConfig } from "allure";

const name = "dvc-e2e — Kiểm thử dịch vụ công trực tuyến";

// Failure categories: the same rules as the compliance summary (reports/rules/categories.json).
// Allure 3 takes them from here (a categories.json in the results is read by Allure 2 only).
const rules = JSON.parse(readFileSync(new URL("./reports/rules/categories.json", import.meta.url), "utf8")).rules;
const categories = rules.map((rule) => ({
  id: rule.id,
  name: rule.name,
  matchers: {
    statuses: rule.statuses,
    ...(rule.message ? { message: new RegExp(rule.message) } : {}),
  },
}));

// Results of several targets merged into one report: one Allure environment per target
// (the suite labels every result with `target`), so that the same scenario run against two
// portals is two results, not a retry of one. reports/build.py passes the targets it found.
const targets = (process.env.DVC_REPORT_TARGETS ?? "").split(",").filter(Boolean);
const environments =
  targets.length > 1
    ? Object.fromEntries(
        targets.map((target) => [
          target,
          { name: target, matcher: ({ labels }) => labels.some((l) => l.name === "target" && l.value === target) },
        ]),
      )
    : undefined;

export default defineConfig({
  name,
  output: "./reports/allure-report",
  // History (trends, "new"/"fixed" transitions) across runs; reports/build.py may point it elsewhere.
  historyPath: process.env.DVC_ALLURE_HISTORY || "./reports/history/history.jsonl",
  categories,
  ...(environments ? { environments } : {}),
  plugins: {
    awesome: {
      options: {
        singleFile: true,
        reportName: name,
        reportLanguage: "en",
        // the tree: checklist item → feature → scenarios (story and procedure are labels and filters)
        groupBy: ["epic", "feature"],
      },
    },
  },
});
