import { describe, expect, it } from 'vitest';
import { GraphQLID, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { FILTER_ARGUMENTS, answerVariables } from './fanout.js';

const Event = new GraphQLObjectType({ name: 'Event', fields: { text: { type: GraphQLString, args: { lang: { type: GraphQLString } } } } });
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      filtered: { type: Event, args: { by: { type: GraphQLID }, format: { type: GraphQLString } }, extensions: { [FILTER_ARGUMENTS]: ['by'] } },
      plain: { type: Event, args: { by: { type: GraphQLID } } },
    },
  }),
});
const of = (query: string, variables: Record<string, unknown>, operationName?: string) => answerVariables(schema, parse(query), operationName, variables);

describe('answerVariables (which variables a fan-out answer depends on)', () => {
  it('should leave out a variable used only as a filter argument of the root field', () => {
    expect(of('subscription($by: ID, $f: String) { filtered(by: $by, format: $f) { text } }', { by: '1', f: 'x' })).toEqual({ f: 'x' });
  });
  it('should keep a variable also used anywhere else, and every variable of a field without filter arguments', () => {
    expect(of('subscription($by: ID) { filtered(by: $by) { text(lang: $by) } }', { by: '1' })).toEqual({ by: '1' });
    expect(of('subscription($by: ID) { filtered(by: $by) { ...F } } fragment F on Event { text(lang: $by) }', { by: '1' })).toEqual({ by: '1' });
    expect(of('subscription($by: ID, $t: Boolean!) { filtered(by: $by) @include(if: $t) { text } }', { by: '1', t: true })).toEqual({ t: true });
    expect(of('subscription($by: ID) { plain(by: $by) { text } }', { by: '1' })).toEqual({ by: '1' });
    expect(of('subscription($by: ID) { filtered(format: $by) { text } }', { by: '1' })).toEqual({ by: '1' });
  });
  it('should pick the named operation and keep everything when it is not a subscription', () => {
    expect(of('subscription A($by: ID) { filtered(by: $by) { text } } query B($by: ID) { ok }', { by: '1' }, 'A')).toEqual({});
    expect(of('subscription A($by: ID) { filtered(by: $by) { text } } query B($by: ID) { ok }', { by: '1' }, 'B')).toEqual({ by: '1' });
  });
});
