import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { VERDICTS, type Verdict } from '../../../../domain/participants/import-issues.js';
import { enumFromList } from '../../../kit/src/graphql-enums.js';

export const ImportVerdictEnum = enumFromList(VERDICTS, 'ImportVerdict', 'What a bulk import decided for one row.');
export const REVIEW_DECISIONS = ['ACCEPT', 'CORRECT', 'REJECT'] as const;
export const ReviewDecisionEnum = enumFromList(REVIEW_DECISIONS, 'ImportReviewDecision', 'ACCEPT as submitted, CORRECT to the registry’s (or given) values, or REJECT.');

@ObjectType({ description: 'A bulk enrolment import (workflow enrolment-import/<batchId>): progress and counts by verdict.' })
export class EnrolmentImport {
  @Field(() => ID, { description: 'From the file’s SHA-256 and the MoU: the same upload is the same import.' })
  batchId: string;
  @Field(() => ID)
  mouId: string;
  @Field(() => String)
  fileName: string;
  @Field(() => Boolean)
  dryRun: boolean;
  @Field(() => String, { description: 'QUEUED, PARSING, VALIDATING, ACTIVATING, AWAITING_REVIEW, DONE, CANCELLED or FAILED.' })
  status: string;
  @Field(() => String, { nullable: true })
  failure: string | null;
  @Field(() => Int, { description: 'Rows read from the file (header excluded), malformed lines included.' })
  rowsRead: number;
  @Field(() => Int)
  rowsValidated: number;
  @Field(() => Int)
  rowsActivated: number;
  @Field(() => Int)
  accepted: number;
  @Field(() => Int)
  acceptedWithWarnings: number;
  @Field(() => Int)
  needsReview: number;
  @Field(() => Int)
  rejected: number;
  @Field(() => Boolean, { description: 'This upload was answered with an earlier import of the same file.' })
  reused: boolean;
  @Field(() => String, { description: 'Where the gateway serves the CSV report.' })
  reportPath: string;
}

@ObjectType()
export class ImportIssueType {
  @Field(() => String)
  code: string;
  @Field(() => String)
  field: string;
  @Field(() => String, { description: 'error, review or warning' })
  severity: string;
  @Field(() => String)
  messageId: string;
  @Field(() => String)
  messageEn: string;
}

@ObjectType({ description: 'The civil-registry record a row was compared with, and how well it matched.' })
export class RegistryCandidateType {
  @Field(() => String, { description: 'Masked for roles that need not see it.' })
  nik: string;
  @Field(() => String)
  fullName: string;
  @Field(() => String)
  birthDate: string;
  @Field(() => String)
  sex: string;
  @Field(() => String)
  motherMaidenName: string;
  @Field(() => String)
  regionCode: string;
  @Field(() => Boolean)
  nikMatches: boolean;
  @Field(() => Number, { description: '0–1: name 50 %, birth date 30 %, mother’s name 20 %.' })
  score: number;
}

@ObjectType({ description: 'One row of an import with its verdict; for review, the registry record beside it.' })
export class ImportRow {
  @Field(() => Int)
  rowNumber: number;
  @Field(() => ImportVerdictEnum)
  verdict: Verdict;
  @Field(() => Boolean)
  activated: boolean;
  @Field(() => String, { nullable: true })
  nik: string | null;
  @Field(() => String, { nullable: true })
  fullName: string | null;
  @Field(() => String, { nullable: true })
  birthDate: string | null;
  @Field(() => String, { nullable: true })
  motherMaidenName: string | null;
  @Field(() => String, { nullable: true })
  occupationGroup: string | null;
  @Field(() => [ImportIssueType])
  issues: ImportIssueType[];
  @Field(() => RegistryCandidateType, { nullable: true })
  candidate: RegistryCandidateType | null;
}

@InputType()
export class ReviewImportRowInput {
  @Field(() => ID)
  batchId: string;
  @Field(() => Int)
  rowNumber: number;
  @Field(() => ReviewDecisionEnum)
  decision: (typeof REVIEW_DECISIONS)[number];
  @Field(() => String, { nullable: true, description: 'Required to REJECT.' })
  reason?: string | null;
  @Field(() => String, { nullable: true, description: 'CORRECT: the name to use (default the registry’s).' })
  fullName?: string | null;
  @Field(() => String, { nullable: true, description: 'CORRECT: DD/MM/YYYY or YYYY-MM-DD (default the registry’s).' })
  birthDate?: string | null;
  @Field(() => String, { nullable: true })
  motherMaidenName?: string | null;
}
