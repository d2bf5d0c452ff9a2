import { describe, expect, it } from 'vitest';
import { buildSchema, GraphQLError, parse } from 'graphql';
import { CompiledDocuments } from './compiled-documents.js';

const schema = buildSchema(`
  input Options { label: String!, loud: Boolean! = false }
  type Query {
    greet(options: Options!): String!
    broken: String
    refused: String
    later: Int
  }
`);
const rootFields = schema.getQueryType()!.getFields();
rootFields.greet!.resolve = (_root, { options }) => (options.loud ? options.label.toUpperCase() : options.label);
rootFields.broken!.resolve = () => {
  throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
};
rootFields.refused!.resolve = () => {
  throw new GraphQLError('not yours', { extensions: { code: 'FORBIDDEN' } });
};
rootFields.later!.resolve = async () => 42;

describe('compiled documents', () => {
  const documents = new CompiledDocuments(schema);

  it('should answer like graphql-js, sync and async, and reuse the compiled form per document', async () => {
    const document = parse(`{ later greet(options: { label: "hi", loud: true }) }`);
    expect(await documents.execute({ document, contextValue: {} })).toEqual({ data: { later: 42, greet: 'HI' } });
    expect(await documents.execute({ document, contextValue: {} })).toEqual({ data: { later: 42, greet: 'HI' } });
  });

  it('should fill input defaults of variables the way graphql-js does (graphql-jit alone refuses them)', async () => {
    const document = parse(`query($o: Options!) { greet(options: $o) }`);
    expect(await documents.execute({ document, variables: { o: { label: 'quiet' } }, contextValue: {} })).toEqual({ data: { greet: 'quiet' } });
    const refused = await documents.execute({ document, variables: { o: { loud: true } }, contextValue: {} });
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.[0]?.message).toMatch(/Field "label" of required type "String!" was not provided/);
  });

  it('should give every error graphql-js form: extensions always an object, path, locations and the thrown error kept', async () => {
    const result = await documents.execute({ document: parse(`{ broken refused }`), contextValue: {} });
    expect(result.data).toEqual({ broken: null, refused: null });
    const [broken, refused] = result.errors!;
    expect(broken).toBeInstanceOf(GraphQLError);
    expect(broken!.extensions).toEqual({});
    expect(broken!.path).toEqual(['broken']);
    expect(broken!.locations).toEqual([{ line: 1, column: 3 }]);
    expect(broken!.originalError?.message).toBe('connect ECONNREFUSED 127.0.0.1:5432');
    expect(refused!.extensions).toEqual({ code: 'FORBIDDEN' });
  });
});
