import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the admin app from the committed schema (`npm run codegen`). Every
 * `graphql(`…`)` call under client/src is checked against schema/schema.graphql; its result and
 * variables types come from client/src/generated/. codegen.test.ts fails when they are stale.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['client/src/**/*.{ts,tsx}', '!client/src/generated/**', '!client/src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    'client/src/generated/': {
      preset: 'client',
      // Components read plain result objects; masking would mean a useFragment call per component.
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTimeISO: 'string', ID: 'string' },
        skipTypename: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
    // Every schema enum as a runtime object, for lists the app shows and for `ErrorCode`, which no
    // operation selects (codes travel in `errors[].extensions.code`), so the preset above omits it.
    'client/src/generated/enums.ts': {
      plugins: ['typescript'],
      config: { onlyEnums: true, enumsAsConst: true, namingConvention: { enumValues: 'keep' } },
    },
  },
};

export default config;
