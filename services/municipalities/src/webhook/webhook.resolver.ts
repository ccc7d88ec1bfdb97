import { Arg, Authorized, Ctx, Field, GraphQLISODateTime, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import type { DeliveryRow, WebhookRow, WebhookService } from './webhook.service.js';

@ObjectType({ description: 'A partner app’s receiver of notifications, signed per the Standard Webhooks spec.' })
export class Webhook {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'The partner app it belongs to.' })
  clientId: string;

  @Field(() => String)
  url: string;

  @Field(() => [String], { description: 'Region codes whose notifications it receives.' })
  cities: string[];

  @Field(() => [String], { nullable: true, description: 'Notification kinds it receives; null: all.' })
  kinds: string[] | null;

  @Field(() => Boolean)
  active: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@ObjectType()
export class RegisteredWebhook {
  @Field(() => Webhook)
  webhook: Webhook;

  @Field(() => String, { description: 'The signing secret (whsec_…), shown this once; it is stored encrypted.' })
  secret: string;
}

@ObjectType()
export class WebhookAttempt {
  @Field(() => Int)
  attempt: number;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field(() => Int, { nullable: true, description: 'The receiver’s HTTP status; null when it did not answer.' })
  statusCode: number | null;

  @Field(() => Int)
  latencyMs: number;

  @Field(() => String, { nullable: true })
  error: string | null;
}

@ObjectType({ description: 'One notification on its way to one webhook.' })
export class WebhookDelivery {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  webhookId: string;

  @Field(() => ID)
  notificationId: string;

  @Field(() => String)
  kind: string;

  @Field(() => String)
  regionCode: string;

  @Field(() => String, { description: 'PENDING until the receiver answers 2xx, then DELIVERED.' })
  status: string;

  @Field(() => [WebhookAttempt])
  attempts: WebhookAttempt[];

  @Field(() => GraphQLISODateTime, { nullable: true })
  deliveredAt: Date | null;
}

@InputType()
export class RegisterWebhookInput {
  @Field(() => String, { description: 'https (plain http only to this machine in development).' })
  url: string;

  @Field(() => [String], { nullable: true, description: 'Region codes; default: all of yours.' })
  cities?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Notification kinds; default: all.' })
  kinds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The partner app (administrators only; a partner registers for its own).' })
  clientId?: string | null;
}

@Resolver()
export class WebhookResolver {
  constructor(private readonly service: WebhookService) {}

  @Authorized('partner', 'admin')
  @Mutation(() => RegisteredWebhook, { description: 'Registers a receiver for notifications of your cities; answers the signing secret once.' })
  registerWebhook(@Arg('input', () => RegisterWebhookInput) input: RegisterWebhookInput, @Ctx() ctx: RequestContext): Promise<{ webhook: WebhookRow; secret: string }> {
    return this.service.register(input, ctx);
  }

  @Authorized('partner', 'admin')
  @Query(() => [Webhook], { description: 'Your app’s webhooks (administrators: all in their cities).' })
  webhooks(@Ctx() ctx: RequestContext): Promise<WebhookRow[]> {
    return this.service.list(ctx);
  }

  @Authorized('admin')
  @Query(() => [WebhookDelivery], { description: 'Newest first: deliveries with every attempt’s status and latency.' })
  webhookDeliveries(
    @Ctx() ctx: RequestContext,
    @Arg('webhookId', () => ID, { nullable: true }) webhookId: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
  ): Promise<DeliveryRow[]> {
    return this.service.deliveries(webhookId ?? null, first, ctx);
  }
}
