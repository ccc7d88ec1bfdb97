import { Arg, Authorized, Ctx, Field, GraphQLISODateTime, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import { LocalDateScalar } from '../../../kit/src/scalars.js';
import type { NotificationRow, NotificationService } from './notification.service.js';

@ObjectType({ description: 'Something a role in a city should know: a reminder, a signature, an expiry, a budget alarm.' })
export class Notification {
  @Field(() => ID)
  id: string;

  @Field(() => String, {
    description: 'MOU_SIGNED, MOU_ACTIVATED, MOU_RENEWAL_REMINDER, MOU_RENEWAL_ESCALATION, MOU_AMENDED, MOU_RENEWED, MOU_EXPIRED, MOU_TERM_ENDED, MOU_TERMINATED, BUDGET_ALARM.',
  })
  kind: string;

  @Field(() => String)
  recipientRole: string;

  @Field(() => ID)
  municipalityId: string;

  @Field(() => ID, { nullable: true })
  mouId: string | null;

  @Field(() => String)
  title: string;

  @Field(() => String)
  message: string;

  @Field(() => String, { description: 'The facts behind it, as JSON.' })
  details: string;

  @Field(() => LocalDateScalar, { description: 'The city’s local date it happened on.' })
  occurredOn: string;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => String, { nullable: true })
  acknowledgedBy: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  acknowledgedAt: Date | null;
}

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly service: NotificationService) {}

  @Authorized('city_operator', 'manager', 'admin')
  @Query(() => [Notification], { description: 'Newest first: notifications for your roles in your cities.' })
  notifications(
    @Ctx() ctx: RequestContext,
    @Arg('unacknowledgedOnly', () => Boolean, { defaultValue: false }) unacknowledgedOnly: boolean,
    @Arg('mouId', () => ID, { nullable: true }) mouId: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
  ): Promise<NotificationRow[]> {
    return this.service.list(ctx, { unacknowledgedOnly, first, mouId: mouId ?? null });
  }

  @Authorized('city_operator', 'manager', 'admin')
  @Mutation(() => Notification, { description: 'Marks a notification as seen (by you, now); the first acknowledgement stays.' })
  acknowledgeNotification(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<NotificationRow> {
    return this.service.acknowledge(id, ctx);
  }
}
