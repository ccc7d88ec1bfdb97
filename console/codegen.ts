import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the committed supergraph and the named operations in schema/operations.
const config: CodegenConfig = {
  schema: '../schema/supergraph.graphql',
  documents: ['../schema/operations/console.graphql'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true },
        scalars: { Rupiah: 'string', LocalDate: 'string', DateTimeISO: 'string' },
      },
    },
  },
};
export default config;
