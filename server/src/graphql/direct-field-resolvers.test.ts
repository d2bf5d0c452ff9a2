import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { graphql, type GraphQLObjectType } from 'graphql';
import { MaxLength } from 'class-validator';
import { Arg, Authorized, Ctx, Field, FieldResolver, InputType, Int, ObjectType, Query, Resolver, Root, UseMiddleware, buildSchema, type MiddlewareFn } from 'type-graphql';
import { resolveFieldsDirectly } from './direct-field-resolvers.js';

interface TestContext {
  roles: string[];
}

@ObjectType()
class Gadget {
  @Field(() => String)
  id!: string;
}

@InputType()
class Label {
  @Field(() => String)
  @MaxLength(5)
  text!: string;
}

const shout: MiddlewareFn = async (_, next) => String(await next()).toUpperCase();

@Resolver(() => Gadget)
class GadgetResolver {
  @Query(() => [Gadget])
  gadgets(): Array<{ id: string }> {
    return [{ id: 'a' }, { id: 'b' }];
  }

  @FieldResolver(() => String)
  plain(@Root() gadget: { id: string }, @Arg('times', () => Int, { defaultValue: 1 }) times: number, @Ctx() ctx: TestContext): string {
    return `${gadget.id.repeat(times)} for ${ctx.roles.join('+') || 'nobody'}`;
  }

  @Authorized('BOSS')
  @FieldResolver(() => String)
  guarded(@Root() gadget: { id: string }): string {
    return `secret ${gadget.id}`;
  }

  @UseMiddleware(shout)
  @FieldResolver(() => String)
  wrapped(@Root() gadget: { id: string }): string {
    return `quiet ${gadget.id}`;
  }

  @FieldResolver(() => String)
  labelled(@Root() gadget: { id: string }, @Arg('label', () => Label) label: Label): string {
    return `${gadget.id}: ${label.text} (${label instanceof Label ? 'Label' : 'plain'})`;
  }
}

describe('resolveFieldsDirectly', () => {
  it('should call pass-through field resolvers directly and leave authorization, middleware and input validation to type-graphql', async () => {
    const schema = await buildSchema({
      resolvers: [GadgetResolver],
      authChecker: ({ context }, roles) => roles.every((role) => (context as TestContext).roles.includes(role)),
      validate: { forbidUnknownValues: false },
    });
    const fields = (schema.getType('Gadget') as GraphQLObjectType).getFields();
    const before = Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.resolve]));
    resolveFieldsDirectly(schema);
    const replaced = Object.keys(before).filter((name) => fields[name]!.resolve !== before[name]);
    expect(replaced).toEqual(['plain']);

    const run = async (source: string, roles: string[]) => JSON.parse(JSON.stringify(await graphql({ schema, source, contextValue: { roles } })));
    expect(await run('{ gadgets { plain twice: plain(times: 2) wrapped } }', [])).toEqual({
      data: { gadgets: [
        { plain: 'a for nobody', twice: 'aa for nobody', wrapped: 'QUIET A' },
        { plain: 'b for nobody', twice: 'bb for nobody', wrapped: 'QUIET B' },
      ] },
    });
    expect((await run('{ gadgets { guarded } }', ['CLERK'])).errors[0].message).toMatch(/access denied/i);
    expect(await run('{ gadgets { guarded } }', ['BOSS'])).toEqual({ data: { gadgets: [{ guarded: 'secret a' }, { guarded: 'secret b' }] } });
    expect((await run('{ gadgets { labelled(label: { text: "far too long" }) } }', [])).errors[0].message).toMatch(/argument validation error/i);
    expect(await run('{ gadgets { labelled(label: { text: "ok" }) } }', [])).toEqual({ data: { gadgets: [{ labelled: 'a: ok (Label)' }, { labelled: 'b: ok (Label)' }] } });
  });
});
