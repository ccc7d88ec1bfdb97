import { DomainError } from '../errors.js';

// Which files a claim document may be: scans and photos of paper documents, nothing a browser or
// an office program would run. The declared type must agree with the file's first bytes.

/** Largest claim document accepted (a phone photo or a multi-page scan). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const DOCUMENT_CONTENT_TYPES = {
  'application/pdf': { extension: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  'image/jpeg': { extension: 'jpg', magic: [0xff, 0xd8, 0xff] },
  'image/png': { extension: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
} as const;
export type DocumentContentType = keyof typeof DOCUMENT_CONTENT_TYPES;

/** The most leading bytes any allowed type needs to be recognised. */
export const SNIFF_BYTES = Math.max(...Object.values(DOCUMENT_CONTENT_TYPES).map((t) => t.magic.length));

const notAllowed = (message: string) => new DomainError('BAD_USER_INPUT', message, 'contentType', { reason: 'FILE_TYPE_NOT_ALLOWED' });

/** The declared content type (parameters ignored), if it is one a claim document may have. */
export function documentContentType(header: string | undefined): DocumentContentType {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  if (!Object.hasOwn(DOCUMENT_CONTENT_TYPES, type)) {
    throw notAllowed(`A claim document must be a PDF, JPEG or PNG file (Content-Type ${Object.keys(DOCUMENT_CONTENT_TYPES).join(', ')}), not "${type || 'none'}".`);
  }
  return type as DocumentContentType;
}

/** Refuses a file whose first bytes are not those of its declared type (a renamed file). */
export function assertFileMatchesType(type: DocumentContentType, first: Uint8Array): void {
  const magic = DOCUMENT_CONTENT_TYPES[type].magic;
  if (first.length < magic.length || magic.some((byte, i) => first[i] !== byte)) {
    throw notAllowed(`The file is not a ${DOCUMENT_CONTENT_TYPES[type].extension.toUpperCase()} file, whatever it is called; upload a PDF, JPEG or PNG.`);
  }
}

/** A file name to keep for display: the last path part, printable, at most 120 characters. */
export function documentFileName(raw: string | null, type: DocumentContentType, documentType: string): string {
  const base = (raw ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[^\p{L}\p{N} ._()-]/gu, '')
    .trim()
    .slice(0, 120);
  return base || `${documentType.toLowerCase()}.${DOCUMENT_CONTENT_TYPES[type].extension}`;
}
