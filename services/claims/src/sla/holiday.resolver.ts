import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../kit/src/context.js';
import { LocalDateScalar } from '../../../kit/src/scalars.js';
import type { HolidayService } from './holiday.service.js';
import { ClaimHoliday } from './holiday.type.js';

/** The working-day calendar of SLA clocks: days off, national and per city. */
@Resolver()
export class ClaimHolidayResolver {
  constructor(private readonly holidays: HolidayService) {}

  @Authorized()
  @Query(() => [ClaimHoliday], { description: 'Days off of a year: national ones and, with regionCode, the city’s own.' })
  claimHolidays(@Arg('year', () => Int) year: number, @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null): Promise<ClaimHoliday[]> {
    return this.holidays.list(year, regionCode ?? null);
  }

  @Authorized('manager', 'admin')
  @Mutation(() => [ClaimHoliday], { description: 'Adds or corrects a day off (national: admins; a city’s: its managers), or removes it. Answers the year’s days off.' })
  setClaimHoliday(
    @Arg('day', () => LocalDateScalar) day: string,
    @Arg('name', () => String) name: string,
    @Arg('kind', () => String, { defaultValue: 'PUBLIC_HOLIDAY' }) kind: string,
    @Arg('regionCode', () => String, { nullable: true }) regionCode: string | null,
    @Arg('remove', () => Boolean, { defaultValue: false }) remove: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<ClaimHoliday[]> {
    return this.holidays.set({ day, name, kind, regionCode: regionCode ?? null, remove }, ctx);
  }
}
