import { createRequire } from "node:module";
import { configDefaults, defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// Every test runs on the embedded database; with TEST_DATABASE_URL (postgres://...) the whole
// suite runs a second time on that PostgreSQL server, each test file in a database of its own.
const databases = ["pglite", ...(process.env.TEST_DATABASE_URL ? ["postgres"] : [])];

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (main) and ESM (module) builds; Node gives the libraries the first
    // and Vite would give our files the second, and graphql refuses types from "another realm".
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: databases.map((database) => ({
      extends: true,
      test: {
        name: database,
        env: { TEST_DATABASE: database },
        // The browser tests exercise pages, not the database: once, on the embedded one, is enough.
        exclude: database === "pglite" ? configDefaults.exclude : [...configDefaults.exclude, "test/browser/**"],
      },
    })),
  },
});
