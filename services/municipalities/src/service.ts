import { auditLogResolver } from '../../kit/src/audit-log.resolver.js';
import type { ServiceDefinition } from '../../kit/src/service-runtime.js';
import { buildSubgraph } from '../../kit/src/subgraph-schema.js';
import { createMunicipalityActivities } from './activities.js';
import { Initial1763700000000 } from './migrations/1763700000000-initial.js';
import { MouRegionCode1763800000000 } from './migrations/1763800000000-mou-region-code.js';
import { AuditAndAppRole1763900000000 } from './migrations/1763900000000-audit-and-app-role.js';
import { MouTermsAndLifecycle1764100000000 } from './migrations/1764100000000-mou-terms-and-lifecycle.js';
import { SeedCities1764100000001 } from './migrations/1764100000001-seed-cities.js';
import { Webhooks1764200000000 } from './migrations/1764200000000-webhooks.js';
import { MouReportPages1765000000000 } from './migrations/1765000000000-mou-report-pages.js';
import { NotificationResolver } from './notification/notification.resolver.js';
import { NotificationService } from './notification/notification.service.js';
import { WebhookResolver } from './webhook/webhook.resolver.js';
import { WebhookService } from './webhook/webhook.service.js';
import { FieldCipher } from '../../kit/src/field-cipher.js';
import { MunicipalityEntity } from './municipality/municipality.entity.js';
import { MUNICIPALITY_TEXT_RULES } from './municipality/municipality.inputs.js';
import { municipalityReference } from './municipality/municipality.reference.js';
import { MunicipalityResolver } from './municipality/municipality.resolver.js';
import { MunicipalityService } from './municipality/municipality.service.js';
import { MouEntity } from './mou/mou.entity.js';
import { mouReference } from './mou/mou.reference.js';
import { MouResolver } from './mou/mou.resolver.js';
import { MouService } from './mou/mou.service.js';
import { MouReports } from './mou/mou.reports.js';
import { MouReportsResolver, RenewalPipelineStageResolver } from './mou/mou-reports.resolver.js';

const AuditLogResolver = auditLogResolver('municipalities', 'municipalitiesAuditLog');

/** Cities, MoUs, budgets and quotas. Owns the `municipalities` schema. */
export const municipalitiesService: ServiceDefinition = {
  name: 'municipalities',
  database: {
    schema: 'municipalities',
    entities: [MunicipalityEntity, MouEntity],
    migrations: [
      Initial1763700000000,
      MouRegionCode1763800000000,
      AuditAndAppRole1763900000000,
      MouTermsAndLifecycle1764100000000,
      SeedCities1764100000001,
      Webhooks1764200000000,
      MouReportPages1765000000000,
    ],
  },
  async subgraph({ dataSource, temporal, queues, secrets }) {
    const municipalities = new MunicipalityService(dataSource);
    const mous = new MouService(dataSource, temporal, queues);
    const reports = new MouReports(dataSource, mous);
    return buildSubgraph({
      resolvers: [
        new AuditLogResolver(dataSource),
        new MunicipalityResolver(municipalities, mous),
        new MouResolver(mous, municipalities),
        new MouReportsResolver(reports),
        new RenewalPipelineStageResolver(reports),
        new NotificationResolver(new NotificationService(dataSource)),
        new WebhookResolver(new WebhookService(dataSource, new FieldCipher(secrets))),
      ],
      references: { ...municipalityReference(municipalities), ...mouReference(mous) },
      textRules: MUNICIPALITY_TEXT_RULES,
    });
  },
  activities: createMunicipalityActivities,
};
