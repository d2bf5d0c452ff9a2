import { Arg, Authorized, Ctx, Extensions, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../context.js';
import { Employee } from '../people/employee.entity.js';
import { Role } from '../auth/auth.entity.js';
import { LeadershipCheckIn, LeadershipRelationship, ServiceAgreementVersion } from './leadership-relationship.entity.js';
import { EmployeeType } from '../people/employee.types.js';
import {
  AssignLeaderInput,
  EndLeadershipInput,
  LeadershipChangeEvent,
  LeadershipChangeKind,
  LeadershipCheckInType,
  LeadershipRelationshipType,
  RecordCheckInInput,
  ServiceAgreement,
  ServiceAgreementVersionType,
  UpdateServiceAgreementInput,
} from './leadership.types.js';
import * as service from './leadership.service.js';
import { READ_ROLES, WRITE_ROLES, authorizedTopic } from '../auth/auth-checker.js';
import { Topic, type LeadershipChangedPayload } from '../pubsub/topics.js';
import { FILTER_ARGUMENTS } from '../pubsub/fanout.js';
import { notFound } from '../errors/domain-error.js';

const involves = (payload: LeadershipChangedPayload, args: Record<string, unknown>) =>
  (!args.memberId || String(payload.memberId) === String(args.memberId)) &&
  (!args.leaderId || String(payload.leaderId) === String(args.leaderId)) &&
  (!args.employeeId || [payload.memberId, payload.leaderId].map(String).includes(String(args.employeeId)));

@Resolver(() => LeadershipRelationshipType)
export class LeadershipResolver {
  @Authorized(READ_ROLES)
  @Query(() => LeadershipRelationshipType, { description: 'One relationship by id; NOT_FOUND when there is none.' })
  leadershipRelationship(@Arg('id', () => ID, { description: 'The relationship id.' }) id: string, @Ctx() ctx: Context) {
    return service.getRelationship(ctx, id);
  }

  @FieldResolver(() => EmployeeType, { description: 'The employee who leads (serves).' })
  async leader(@Root() relationship: LeadershipRelationship, @Ctx() ctx: Context): Promise<Employee> {
    return (await ctx.loaders.employee.load(relationship.leader.id))!;
  }

  @FieldResolver(() => EmployeeType, { description: 'The employee who is led (the leader\'s customer).' })
  async member(@Root() relationship: LeadershipRelationship, @Ctx() ctx: Context): Promise<Employee> {
    return (await ctx.loaders.employee.load(relationship.member.id))!;
  }

  @FieldResolver(() => Boolean, { description: 'True while the relationship has not ended.' })
  active(@Root() relationship: LeadershipRelationship): boolean {
    return !relationship.endedAt;
  }

  @Authorized(Role.ADMIN)
  @FieldResolver(() => ServiceAgreement, { description: "The member's service agreement (admins only: it is personal)." })
  serviceAgreement(@Root() relationship: LeadershipRelationship): ServiceAgreement {
    return {
      strengths: relationship.strengths ?? [],
      needs: relationship.needs,
      goals: relationship.goals,
      preferredStyle: relationship.preferredStyle,
    };
  }

  @Authorized(Role.ADMIN)
  @FieldResolver(() => [LeadershipCheckInType], { description: 'Check-ins, newest first (admins only: they are personal).' })
  checkIns(@Root() relationship: LeadershipRelationship, @Ctx() ctx: Context) {
    return ctx.em.find(LeadershipCheckIn, { relationship: relationship.id }, { orderBy: { heldOn: 'desc', id: 'desc' } });
  }

  @Authorized(Role.ADMIN)
  @FieldResolver(() => [ServiceAgreementVersionType], { description: 'Earlier versions of the service agreement, newest first (admins only).' })
  agreementHistory(@Root() relationship: LeadershipRelationship, @Ctx() ctx: Context) {
    return ctx.em.find(ServiceAgreementVersion, { relationship: relationship.id }, { orderBy: { replacedAt: 'desc', id: 'desc' } });
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => LeadershipCheckInType, { description: 'Records a check-in on an active relationship.' })
  recordCheckIn(@Arg('input', () => RecordCheckInInput, { description: 'What to do; see the input type.' }) input: RecordCheckInInput, @Ctx() ctx: Context) {
    return service.recordCheckIn(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => LeadershipRelationshipType, {
    description:
      'Makes `leaderId` lead `memberId`, ending the current relationship. Refused with SELF_LEADERSHIP, LEADER_CYCLE, LEADER_EXITED, MEMBER_EXITED, LEADER_UNCHANGED or OVERLAPPING_RELATIONSHIP.',
  })
  assignLeader(@Arg('input', () => AssignLeaderInput, { description: 'What to do; see the input type.' }) input: AssignLeaderInput, @Ctx() ctx: Context) {
    return service.assignLeader(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => LeadershipRelationshipType, { description: 'Ends an active relationship without a successor.' })
  endLeadership(@Arg('input', () => EndLeadershipInput, { description: 'What to do; see the input type.' }) input: EndLeadershipInput, @Ctx() ctx: Context) {
    return service.endLeadership(ctx, input);
  }

  @Authorized(WRITE_ROLES)
  @Mutation(() => LeadershipRelationshipType, { description: "Replaces the service agreement of an active relationship." })
  updateServiceAgreement(@Arg('input', () => UpdateServiceAgreementInput, { description: 'What to do; see the input type.' }) input: UpdateServiceAgreementInput, @Ctx() ctx: Context) {
    return service.updateServiceAgreement(ctx, input);
  }

  @Subscription(() => LeadershipChangeEvent, {
    description: 'Pushes every assigned or ended relationship and agreement change; the optional arguments narrow it.',
    subscribe: authorizedTopic(Topic.LEADERSHIP_CHANGED, READ_ROLES, involves),
  })
  // The arguments only choose which events reach a subscriber (`involves`); the resolver never reads them.
  @Extensions({ [FILTER_ARGUMENTS]: ['memberId', 'leaderId', 'employeeId'] })
  async leadershipChanged(
    @Root() payload: LeadershipChangedPayload,
    @Ctx() ctx: Context,
    @Arg('memberId', () => ID, { nullable: true, description: 'Only relationships of this member.' }) _memberId?: string,
    @Arg('leaderId', () => ID, { nullable: true, description: 'Only relationships led by this leader.' }) _leaderId?: string,
    @Arg('employeeId', () => ID, { nullable: true, description: 'Only relationships where this employee is member or leader.' }) _employeeId?: string,
  ) {
    ctx.renew();
    const relationship = await ctx.em.findOne(LeadershipRelationship, { id: payload.relationshipId });
    if (!relationship) throw notFound('Leadership relationship', payload.relationshipId);
    return { kind: payload.kind as LeadershipChangeKind, relationship, at: new Date(payload.at) };
  }
}
