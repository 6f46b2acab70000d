// The query compiler of Prisma's TypeScript engine, which `@prisma/client` ships without types
// (the generated client loads it itself). Only what `query-plan-cache.ts` wraps is declared.
declare module "@prisma/client/runtime/query_compiler_bg.postgresql.mjs" {
  export class QueryCompiler {
    compile(request: string): unknown;
  }
}
