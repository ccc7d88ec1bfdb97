import type { DataSource } from 'typeorm';
import type { Role } from '../../../../domain/access.js';
import { DomainError } from '../../../../domain/errors.js';
import { auditActorOf, recordAudit } from '../../../kit/src/audit.js';
import type { Caller } from '../../../kit/src/context.js';
import { isUuid } from '../../../kit/src/ids.js';
import type { SqlRow } from '../../../kit/src/sql-row.js';

export interface NotificationRow {
  id: string;
  kind: string;
  recipientRole: string;
  municipalityId: string;
  regionCode: string;
  mouId: string | null;
  title: string;
  message: string;
  details: string;
  occurredOn: string;
  createdAt: Date;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
}

const MAX_PAGE = 200;
const COLUMNS = `id, kind, recipient_role, municipality_id, region_code, mou_id, title, message, details::text, occurred_on, created_at, acknowledged_by, acknowledged_at`;

function fromRow(r: SqlRow): NotificationRow {
  return {
    id: r['id'],
    kind: r['kind'],
    recipientRole: r['recipient_role'],
    municipalityId: r['municipality_id'],
    regionCode: r['region_code'],
    mouId: r['mou_id'],
    title: r['title'],
    message: r['message'],
    details: r['details'],
    occurredOn: r['occurred_on'],
    createdAt: r['created_at'],
    acknowledgedBy: r['acknowledged_by'],
    acknowledgedAt: r['acknowledged_at'],
  };
}

/** Roles whose notifications a caller reads: their own; BPJS administrators read every role's. */
function readableRoles(caller: Caller): Role[] | null {
  return caller.identity.roles.includes('admin') ? null : caller.identity.roles;
}

/** Notifications addressed to the caller's roles in the caller's cities; anything else is as good as absent. */
export class NotificationService {
  constructor(private readonly dataSource: DataSource) {}

  async list(caller: Caller, options: { unacknowledgedOnly: boolean; first: number; mouId: string | null }): Promise<NotificationRow[]> {
    if (!Number.isInteger(options.first) || options.first < 1 || options.first > MAX_PAGE) {
      throw new DomainError('BAD_USER_INPUT', `Ask for between 1 and ${MAX_PAGE} notifications; got ${options.first}.`, 'first');
    }
    if (options.mouId !== null && !isUuid(options.mouId)) return [];
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM municipalities.notification
        WHERE ($1::text[] IS NULL OR region_code = ANY($1)) AND ($2::text[] IS NULL OR recipient_role = ANY($2))
          AND (NOT $3 OR acknowledged_at IS NULL) AND ($4::uuid IS NULL OR mou_id = $4)
        ORDER BY created_at DESC, id LIMIT $5`,
      [caller.scope.asSqlArray(), readableRoles(caller), options.unacknowledgedOnly, options.mouId, options.first],
    )) as SqlRow[];
    return rows.map(fromRow);
  }

  /** Marks a notification seen, by whom and when; acknowledging it again keeps the first acknowledgement. */
  async acknowledge(id: string, caller: Caller): Promise<NotificationRow> {
    const found = async (db: Pick<DataSource, 'query'>, lock: boolean) => {
      if (!isUuid(id)) return undefined;
      const [row] = (await db.query(`SELECT ${COLUMNS} FROM municipalities.notification WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])) as SqlRow[];
      const roles = readableRoles(caller);
      if (!row || !caller.scope.allows(row['region_code']) || (roles !== null && !roles.includes(row['recipient_role']))) return undefined;
      return fromRow(row);
    };
    return this.dataSource.transaction(async (tx) => {
      const before = await found(tx, true);
      if (!before) throw new DomainError('NOT_FOUND', `No notification with id ${id}.`, 'id');
      if (before.acknowledgedAt) return before;
      await tx.query(`UPDATE municipalities.notification SET acknowledged_by = $2, acknowledged_at = now() WHERE id = $1`, [id, caller.identity.subject]);
      await recordAudit(tx, 'municipalities', {
        actor: auditActorOf(caller),
        action: 'notification.acknowledge',
        entityType: 'Notification',
        entityId: id,
        regionCode: before.regionCode,
        before: { acknowledgedBy: null },
        after: { acknowledgedBy: caller.identity.subject },
      });
      return (await found(tx, false))!;
    });
  }
}
