import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import type { TextRules } from '../../../kit/src/input-check.js';
import { LocalDateScalar } from '../../../kit/src/scalars.js';
import type { DeathNoticeService } from './death-notices.js';

@InputType({ description: 'A death reported by the civil registry.' })
export class DeathNoticeInput {
  @Field(() => String)
  nik: string;

  @Field(() => LocalDateScalar)
  dateOfDeath: string;
}

@ObjectType({ description: 'What one death notice led to.' })
export class DeathNoticeResult {
  @Field(() => Int)
  line: number;

  @Field(() => String)
  nikMasked: string;

  @Field(() => String)
  dateOfDeath: string;

  @Field(() => String, { description: 'LEAD_OPENED, ALREADY_KNOWN, NOT_COVERED (not covered on the date), UNKNOWN_PERSON or INVALID.' })
  outcome: string;

  @Field(() => ID, { nullable: true, description: 'The claim lead in the claims inbox.' })
  leadId: string | null;

  @Field(() => ID, { nullable: true })
  participantId: string | null;

  @Field(() => String)
  message: string;
}

export const DEATH_NOTICE_TEXT_RULES: TextRules = {
  'DeathNoticeInput.nik': { maxLength: 32 },
  'Mutation.recordDeathNotices(source:)': { maxLength: 60 },
};

@Resolver()
export class DeathNoticeResolver {
  constructor(private readonly deaths: DeathNoticeService) {}

  @Authorized('admin')
  @Mutation(() => [DeathNoticeResult], {
    description: 'Deaths from the civil registry (up to 200): each covered person gets a claim lead in the claims inbox. Safe to send twice.',
  })
  recordDeathNotices(
    @Arg('notices', () => [DeathNoticeInput]) notices: DeathNoticeInput[],
    @Arg('source', () => String, { defaultValue: 'admin' }) source: string,
    @Ctx() ctx: RequestContext,
  ): Promise<DeathNoticeResult[]> {
    return this.deaths.record(
      notices.map((n) => ({ nik: n.nik, dateOfDeath: n.dateOfDeath, source: source.trim() || 'admin' })),
      ctx,
    );
  }
}
