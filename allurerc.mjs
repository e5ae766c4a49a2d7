// Allure Report 3 configuration (npm `allure`, pinned in package.json / package-lock.json).
// `make report` runs `allure generate` with this file; the result is one HTML file.
import { defineConfig } from "allure";

export default defineConfig({
  name: "dvc-e2e — Kiểm thử dịch vụ công trực tuyến",
  output: "./reports/allure-report",
  historyPath: "./reports/history/history.jsonl",
  plugins: {
    awesome: {
      options: {
        singleFile: true,
        reportName: "dvc-e2e — Kiểm thử dịch vụ công trực tuyến",
        reportLanguage: "en",
        groupBy: ["epic", "feature", "story"],
      },
    },
  },
});
