import type { CoverageActivities } from '../../../workflows/claim-lifecycle/claim-lifecycle.activities.js';
import type { EnrolmentRecordActivities } from '../../../workflows/enrolment/enrolment.activities.js';
import type { EnrolmentEndRecordActivities } from '../../../workflows/enrolment-end/enrolment-end.activities.js';
import type { MouCoverageActivities } from '../../../workflows/mou-lifecycle/mou-lifecycle.activities.js';
import { FieldCipher } from '../../kit/src/field-cipher.js';
import type { ServiceDeps } from '../../kit/src/service-runtime.js';
import { CoverageService } from './coverage/coverage.service.js';
import { EnrolmentRecords } from './participant/participant.records.js';
import type { ImportRecordActivities } from '../../../workflows/enrolment-import/enrolment-import.activities.js';
import { storageFromEnv } from '../../kit/src/storage/storage.js';
import { ImportRecords } from './enrolment-import/import.records.js';
import { PostgresCivilRegistry } from './registry/registry.pg.js';

/** What the `participants` task queue serves: the enrolment workflow's writes, the claim workflow's coverage check, the end of coverage when an MoU ends. */
export type ParticipantActivities = EnrolmentRecordActivities & EnrolmentEndRecordActivities & CoverageActivities & MouCoverageActivities & ImportRecordActivities;

export function createParticipantActivities(deps: Pick<ServiceDeps, 'dataSource' | 'secrets'>): ParticipantActivities {
  const records = new EnrolmentRecords(deps.dataSource, new FieldCipher(deps.secrets));
  const coverage = new CoverageService(deps.dataSource);
  const imports = new ImportRecords({
    dataSource: deps.dataSource,
    cipher: new FieldCipher(deps.secrets),
    storage: storageFromEnv(),
    registry: new PostgresCivilRegistry(deps.dataSource),
  });
  return {
    recordEnrolment: (request, mou) => records.recordEnrolment(request, mou),
    checkCoverage: (query) => coverage.checkCoverage(query),
    endEnrolmentsUnderMou: (input) => records.endEnrolmentsUnderMou(input),
    recordEnrolmentEnded: (request) => records.recordEnrolmentEnded(request),
    parseImport: (input) => imports.parseImport(input),
    validateImport: (input) => imports.validateImport(input),
    claimActivationPage: (input) => imports.claimActivationPage(input),
    activateImportPage: (input) => imports.activateImportPage(input),
    markImport: (input) => imports.markImport(input),
    abandonImport: (input) => imports.abandonImport(input),
  };
}
