// The port to the civil registry (Dukcapil). Lindung asks it about a page of rows at a time and
// scores the answers itself (domain/participants/names.ts), so any adapter only has to find
// candidates: the record with the row's NIK, else the nearest record with the same birth date.

export interface RegistryQuery {
  /** The caller's key for the row (its row number). */
  key: number;
  nikIndex: string;
  /** Normalised (normaliseName) for blocking. */
  nameNorm: string;
  birthDate: string;
}

export interface RegistryRecord {
  nikIndex: string;
  nikCiphertext: string;
  fullName: string;
  birthDate: string;
  sex: string;
  motherMaidenName: string;
  regionCode: string;
}

export interface RegistryCandidate {
  key: number;
  /** Found by the row's NIK; false when found by a similar name and the same birth date only. */
  nikMatches: boolean;
  record: RegistryRecord | null;
}

/** A death the registry reports: the NIK in clear only between the adapter and DeathNoticeService. */
export interface DeathEvent {
  nik: string;
  dateOfDeath: string;
  /** Where it came from: "registry-extract", "admin", or the live adapter's name. */
  source: string;
}

export interface CivilRegistry {
  /** False when no extract is loaded (or the live service is off): rows are then not verified, and say so. */
  available(): Promise<boolean>;
  candidates(queries: readonly RegistryQuery[]): Promise<RegistryCandidate[]>;
  record(nikIndex: string): Promise<RegistryRecord | null>;
  /**
   * Deaths recorded since a date, for a registry that delivers them (a live adapter would page
   * Dukcapil's death feed; the extract adapter has none: deaths arrive as a deaths extract through
   * `npm run registry:deaths`, or the admin mutation `recordDeathNotices`). Each event goes to
   * DeathNoticeService.record, which is idempotent per person and date.
   */
  deaths?(since: string): AsyncIterable<DeathEvent>;
}

/**
 * A live Dukcapil verification service, for when an agency has one (interface only; no adapter
 * ships). An adapter would POST a page of queries — `{ rows: [{ key, nik, name, birthDate }] }`,
 * the NIK decrypted only for the call, over mutual TLS with the agency's client certificate — and
 * map `{ rows: [{ key, found: boolean, byNik: boolean, record?: { nik, name, birthDate, sex,
 * motherName, regionCode } }] }` back to RegistryCandidate, encrypting the NIK again at once.
 * It must answer within the activity's heartbeat (60 s per page) and be safe to ask twice.
 */
export interface HttpCivilRegistryOptions {
  baseUrl: string;
  clientCertificate: string;
  clientKey: string;
  /** Rows per request; the service's own limit. */
  pageSize: number;
}
