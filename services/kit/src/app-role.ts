/**
 * The database role the services run as. Migrations (run as the owner) create it and grant it
 * what each schema needs; append-only tables — audit and ledger — get SELECT and INSERT only,
 * so even a bug or an injected query in a service cannot rewrite history.
 */
export const APP_ROLE = 'lindung_app';

export function auditTableSql(schema: string): string[] {
  return [
    `CREATE TABLE ${schema}.audit_event (
       id bigserial PRIMARY KEY,
       at timestamptz NOT NULL DEFAULT now(),
       actor text NOT NULL,
       roles text[] NOT NULL,
       cities text[],
       client_id text,
       request_id text,
       action text NOT NULL,
       entity_type text NOT NULL,
       entity_id text NOT NULL,
       region_code text,
       before jsonb,
       after jsonb
     )`,
    `CREATE INDEX audit_event_entity_idx ON ${schema}.audit_event (entity_id, id)`,
    `CREATE INDEX audit_event_region_idx ON ${schema}.audit_event (region_code, id)`,
  ];
}

/** Grants for the app role on one schema, and a trigger that refuses changes to history. */
export function appRoleSql(schema: string, appendOnlyTables: string[]): string[] {
  return [
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${APP_ROLE} NOLOGIN; END IF;
     EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    // Since PostgreSQL 16 a CREATEROLE user does not get SET on roles it creates; ask for it.
    `GRANT ${APP_ROLE} TO CURRENT_USER`,
    `GRANT USAGE ON SCHEMA ${schema} TO ${APP_ROLE}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${APP_ROLE}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${APP_ROLE}`,
    `REVOKE ALL ON ${schema}.${schema}_migrations FROM ${APP_ROLE}`,
    `CREATE FUNCTION ${schema}.refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION '%.% is append-only', TG_TABLE_SCHEMA, TG_TABLE_NAME; END $$`,
    ...appendOnlyTables.flatMap((table) => [
      `REVOKE UPDATE, DELETE, TRUNCATE ON ${schema}.${table} FROM ${APP_ROLE}`,
      `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${schema}.${table} FOR EACH ROW EXECUTE FUNCTION ${schema}.refuse_history_change()`,
    ]),
  ];
}
