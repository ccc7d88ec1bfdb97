import type { Client } from '@temporalio/client';
import { auditLogResolver } from '../../kit/src/audit-log.resolver.js';
import { DeathNoticeResolver, DEATH_NOTICE_TEXT_RULES } from './registry/death-notice.resolver.js';
import { DeathNoticeService } from './registry/death-notices.js';
import { FieldCipher } from '../../kit/src/field-cipher.js';
import type { ServiceDefinition } from '../../kit/src/service-runtime.js';
import { buildSubgraph } from '../../kit/src/subgraph-schema.js';
import { createParticipantActivities } from './activities.js';
import { MouParticipantsResolver, MunicipalityParticipantsResolver, ownerReferences } from './federation/owners.resolver.js';
import { claimKpiReference, ClaimKpiContributionsResolver } from './federation/claim-kpi.resolver.js';
import { ClaimKpi } from './federation/claim-kpi.type.js';
import type { HttpRoute } from '../../kit/src/http-server.js';
import { Initial1763700000000 } from './migrations/1763700000000-initial.js';
import { ParticipantRegionCode1763800000000 } from './migrations/1763800000000-participant-region-code.js';
import { AuditAndAppRole1763900000000 } from './migrations/1763900000000-audit-and-app-role.js';
import { Contributions1765600000000 } from './migrations/1765600000000-contributions.js';
import { InvoiceLinesSetBased1766200000000 } from './migrations/1766200000000-invoice-lines-set-based.js';
import { ImportRowMaintain1766900000000 } from './migrations/1766900000000-import-row-maintain.js';
import { ImportRowActivationIndexes1766100000000 } from './migrations/1766100000000-import-row-activation-indexes.js';
import { ensureBillingSchedule } from './contribution/billing.schedule.js';
import { CONTRIBUTION_TEXT_RULES } from './contribution/contribution.inputs.js';
import { ContributionResolver } from './contribution/contribution.resolver.js';
import { FiguresService } from './contribution/figures.service.js';
import { invoiceDocuments } from './contribution/invoice.documents.js';
import { InvoiceService } from './contribution/invoice.service.js';
import { PaymentService } from './contribution/payment.service.js';
import { standingOf } from './contribution/standing.js';
import { StandingRecords } from './enrolment/standing.records.js';
import { EncryptNik1764000000000 } from './migrations/1764000000000-encrypt-nik.js';
import { EnrolmentImport1765200000000 } from './migrations/1765200000000-enrolment-import.js';
import { PeopleAndEnrolments1765100000000 } from './migrations/1765100000000-people-and-enrolments.js';
import { PersonEntity } from './person/person.entity.js';
import { personReference, PersonResolver } from './person/person.resolver.js';
import { PersonService } from './person/person.service.js';
import { CoverageService } from './coverage/coverage.service.js';
import { CoverageFigures } from './coverage/coverage-figures.js';
import { ParticipantEntity } from './participant/participant.entity.js';
import { PARTICIPANT_TEXT_RULES } from './participant/participant.inputs.js';
import { ParticipantPages } from './participant/participant.pages.js';
import { participantReference, ParticipantResolver } from './participant/participant.resolver.js';
import { ParticipantService } from './participant/participant.service.js';
import { storageFromEnv } from '../../kit/src/storage/storage.js';
import { importRoutes } from './enrolment-import/import.http.js';
import { ImportResolver } from './enrolment-import/import.resolver.js';
import { ImportService } from './enrolment-import/import.service.js';
import { PostgresCivilRegistry } from './registry/registry.pg.js';

const AuditLogResolver = auditLogResolver('participants', 'participantsAuditLog');

/** People, enrolments and coverage. Owns the `participants` schema. */
export const participantsService: ServiceDefinition = {
  name: 'participants',
  database: {
    schema: 'participants',
    entities: [ParticipantEntity, PersonEntity],
    migrations: [
      Initial1763700000000,
      ParticipantRegionCode1763800000000,
      AuditAndAppRole1763900000000,
      EncryptNik1764000000000,
      PeopleAndEnrolments1765100000000,
      EnrolmentImport1765200000000,
      Contributions1765600000000,
      ImportRowActivationIndexes1766100000000,
      InvoiceLinesSetBased1766200000000,
      ImportRowMaintain1766900000000,
    ],
  },
  async subgraph({ dataSource, temporal, queues, secrets }) {
    const cipher = new FieldCipher(secrets);
    const participants = new ParticipantService(dataSource, temporal, queues, cipher);
    const people = new PersonService(dataSource, cipher);
    const pages = new ParticipantPages(dataSource);
    const imports = new ImportService(dataSource, temporal, queues, cipher);
    // Schema emission builds the subgraph offline (no Temporal): the schedule is made by running services only.
    if ((temporal as Client | undefined) !== undefined) await ensureBillingSchedule(temporal, queues);
    const invoices = new InvoiceService(dataSource, temporal, queues);
    const contributions = new ContributionResolver(invoices, new PaymentService(dataSource, standingOf(new StandingRecords(dataSource))), new FiguresService(dataSource));
    const subgraph = await buildSubgraph({
      resolvers: [
        new AuditLogResolver(dataSource),
        new ParticipantResolver(participants, people, new CoverageService(dataSource)),
        new PersonResolver(people),
        new MunicipalityParticipantsResolver(pages, new CoverageFigures(dataSource)),
        new MouParticipantsResolver(pages),
        new DeathNoticeResolver(new DeathNoticeService(dataSource, temporal, queues, cipher)),
        new ImportResolver(imports, new PostgresCivilRegistry(dataSource), cipher),
        contributions,
        new ClaimKpiContributionsResolver(dataSource),
      ],
      references: { ...ownerReferences, ...participantReference(participants), ...personReference(people), ...claimKpiReference },
      // Reached only through claims' claimKpis, so nothing here refers to it.
      orphanedTypes: [ClaimKpi],
      textRules: { ...PARTICIPANT_TEXT_RULES, ...CONTRIBUTION_TEXT_RULES, ...DEATH_NOTICE_TEXT_RULES },
    });
    const documents = invoiceDocuments(dataSource, invoices, cipher);
    const invoiceFiles: HttpRoute = {
      method: 'GET',
      path: /^\/documents\//,
      handle: async (req, res, context) => {
        if (!(await documents(req, res, context))) res.writeHead(404, { 'content-type': 'text/plain' }).end('No such document');
      },
    };
    return { ...subgraph, routes: [...importRoutes(imports, storageFromEnv()), invoiceFiles] };
  },
  activities: createParticipantActivities,
};
