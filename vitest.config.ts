import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20000,
    // Goldens are plain text; CI runners set CI=1, which makes picocolors colour piped output.
    env: { NO_COLOR: "1" },
    reporters: ["default", "./test/closing-line-reporter.ts"],
  },
});
