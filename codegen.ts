import type { CodegenConfig } from "@graphql-codegen/cli";

// Typed documents for the clients of this API (the tests are one) from the checked-in schema.
// `npm run codegen` regenerates; a test fails when the generated files are stale.
const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["test/**/*.ts", "!test/generated/**"],
  ignoreNoDocuments: false,
  generates: {
    "test/generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        importExtension: ".ts",
        enumsAsTypes: true,
        scalars: {
          DateTime: "string",
          EmailAddress: "string",
          URL: "string",
          PhoneNumber: "string",
          JSONObject: "Record<string, unknown>",
          Gender: "string | number",
        },
      },
    },
  },
};

export default config;
