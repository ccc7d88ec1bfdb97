import type { CoverageActivities } from '../../../workflows/claim-lifecycle/claim-lifecycle.activities.js';
import type { ParticipantQueueActivities } from '../../../workflows/contracts/participants.activities.js';
import type { BillingRecordActivities } from '../../../workflows/billing/billing.activities.js';
import type { EnrolmentRecordActivities } from '../../../workflows/enrolment/enrolment.activities.js';
import type { EnrolmentEndRecordActivities } from '../../../workflows/enrolment-end/enrolment-end.activities.js';
import type { MouCoverageActivities, RenewalMoveActivities } from '../../../workflows/mou-lifecycle/mou-lifecycle.activities.js';
import { FieldCipher } from '../../kit/src/field-cipher.js';
import type { ServiceDeps } from '../../kit/src/service-runtime.js';
import { createBillingRecordActivities } from './contribution/contribution.records.js';
import { standingOf } from './contribution/standing.js';
import { CoverageService } from './coverage/coverage.service.js';
import type { ImportRecordActivities } from '../../../workflows/enrolment-import/enrolment-import.activities.js';
import { storageFromEnv } from '../../kit/src/storage/storage.js';
import { ImportRecords } from './enrolment-import/import.records.js';
import { PostgresCivilRegistry } from './registry/registry.pg.js';
import { EnrolmentRecords } from './enrolment/enrolment.records.js';
import { RenewalRecords } from './enrolment/renewal.records.js';
import { StandingRecords } from './enrolment/standing.records.js';
import { DeathRecords } from './person/death.records.js';

/**
 * What the `participants` task queue serves: the enrolment workflows' writes, the claim workflow's
 * coverage questions and recorded deaths, billing's arrears, the end of coverage when an MoU ends
 * and the move to its successor when it was renewed.
 */
export type ParticipantActivities = EnrolmentRecordActivities &
  EnrolmentEndRecordActivities &
  CoverageActivities &
  MouCoverageActivities &
  RenewalMoveActivities &
  ParticipantQueueActivities &
  ImportRecordActivities &
  BillingRecordActivities;

export function createParticipantActivities(deps: Pick<ServiceDeps, 'dataSource' | 'secrets'>): ParticipantActivities {
  const records = new EnrolmentRecords(deps.dataSource, new FieldCipher(deps.secrets));
  const coverage = new CoverageService(deps.dataSource);
  const imports = new ImportRecords({
    dataSource: deps.dataSource,
    cipher: new FieldCipher(deps.secrets),
    storage: storageFromEnv(),
    registry: new PostgresCivilRegistry(deps.dataSource),
  });
  const standing = new StandingRecords(deps.dataSource);
  const deaths = new DeathRecords(deps.dataSource);
  const renewals = new RenewalRecords(deps.dataSource);
  return {
    recordEnrolment: (request, mou) => records.recordEnrolment(request, mou),
    checkCoverage: (query) => coverage.checkCoverage(query),
    endEnrolmentsUnderMou: (input) => records.endEnrolmentsUnderMou(input),
    recordEnrolmentEnded: (request) => records.recordEnrolmentEnded(request),
    parseImport: (input) => imports.parseImport(input),
    validateImport: (input) => imports.validateImport(input),
    claimActivationPage: (input) => imports.claimActivationPage(input),
    activateImportPage: (input) => imports.activateImportPage(input),
    nextImportPage: (input) => imports.nextImportPage(input),
    enrolImportPage: (input) => imports.enrolImportPage(input),
    markImport: (input) => imports.markImport(input),
    abandonImport: (input) => imports.abandonImport(input),
    coverageOnDate: (query) => coverage.coverageOnDate(query),
    recordDeath: (record) => deaths.recordDeath(record),
    markInactive: (change) => standing.markInactive(change),
    reactivate: (change) => standing.reactivate(change),
    renewalCandidates: (input) => renewals.renewalCandidates(input),
    moveToSuccessor: (input) => renewals.moveToSuccessor(input),
    ...createBillingRecordActivities(deps.dataSource, standingOf(standing)),
  };
}
