import { fileURLToPath } from "node:url";
import { defineConfig, type UserConfig } from "vite";

/**
 * The example SPA's Vite configuration. `/graphql` is proxied to the API, so the page and the API
 * share one origin and the HttpOnly `session` cookie is a first-party cookie.
 */
export function exampleSpaConfig(identityApiUrl: string): UserConfig {
  return {
    root: fileURLToPath(new URL(".", import.meta.url)),
    server: { proxy: { "/graphql": { target: identityApiUrl } } },
    build: { outDir: "dist", emptyOutDir: true },
  };
}

export default defineConfig(exampleSpaConfig(process.env.IDENTITY_API_URL ?? "http://localhost:4000"));
