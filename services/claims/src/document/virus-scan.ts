import type { Readable } from 'node:stream';

/** A scanner's verdict on one stored file. */
export type ScanVerdict = { clean: true } | { clean: false; finding: string };

/**
 * The optional virus-scan hook of claim document uploads. It runs after the file is stored and
 * before it is recorded on the checklist; a file it does not call clean is deleted and the upload
 * refused (`BAD_USER_INPUT`, reason `FILE_INFECTED`). An adapter wraps a scanner the deployment
 * runs (e.g. a clamd daemon: stream the file to it, map its answer); `open` gives the stored bytes.
 */
export interface VirusScanner {
  scan(file: { key: string; sha256: string; bytes: number; contentType: string }, open: () => Readable): Promise<ScanVerdict>;
}

/** The default: no scanner configured, every file passes unread. */
export const NO_VIRUS_SCAN: VirusScanner = {
  scan: () => Promise.resolve({ clean: true }),
};
