// The gateway's file routes beside /graphql (uploads, reports, invoice PDFs/CSVs) need the bearer
// token, which a plain link cannot carry: fetch with it, then hand the browser the bytes to save.

/** A refusal from a file route, with the API's stable error code. */
export class FileRouteError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function refusal(response: Response): Promise<FileRouteError> {
  try {
    const body = (await response.json()) as { errors?: { message?: string; extensions?: { code?: string } }[] };
    const first = body.errors?.[0];
    return new FileRouteError(first?.extensions?.code ?? 'UNKNOWN', first?.message ?? `HTTP ${response.status}`);
  } catch {
    return new FileRouteError(response.status === 401 ? 'UNAUTHENTICATED' : 'UNKNOWN', `HTTP ${response.status}`);
  }
}

/** Any failure of a file route as a FileRouteError (what the pages show), keeping one already so. */
export function asFileRouteError(error: unknown): FileRouteError {
  return error instanceof FileRouteError ? error : new FileRouteError('UNKNOWN', String(error));
}

/**
 * A gateway file route called with the bearer token — a GET, or a POST of `upload` as the body
 * with its own content type: the answer when it is 2xx, else its refusal (or NETWORK).
 */
async function callFileRoute(token: string, path: string, upload?: File): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (upload) headers['content-type'] = upload.type || 'application/octet-stream';
  let response: Response;
  try {
    response = await fetch(path, upload ? { method: 'POST', headers, body: upload } : { headers });
  } catch (error) {
    throw new FileRouteError('NETWORK', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await refusal(response);
  return response;
}

export interface UploadedImport {
  batchId: string;
  status: string;
  reused: boolean;
}

/** POST /imports/enrolment with the file as the body; answers the import the gateway started (or reused). */
export async function uploadEnrolmentFile(token: string, file: File, mouId: string, dryRun: boolean): Promise<UploadedImport> {
  const query = new URLSearchParams({ mouId, fileName: file.name, ...(dryRun ? { dryRun: 'true' } : {}) });
  const response = await callFileRoute(token, `/imports/enrolment?${query}`, file);
  const body = (await response.json()) as { data: { enrolmentImport: UploadedImport } };
  return body.data.enrolmentImport;
}

/**
 * POST /claims/<claimId>/documents/<type> with the scanned file as the body (PDF, JPEG or PNG, up to
 * 10 MB): the claims service stores it by its SHA-256 and marks the checklist item received.
 */
export async function uploadClaimDocument(token: string, claimId: string, type: string, file: File): Promise<void> {
  const query = new URLSearchParams({ fileName: file.name });
  await callFileRoute(token, `/claims/${encodeURIComponent(claimId)}/documents/${encodeURIComponent(type)}?${query}`, file);
}

/** GETs a gateway path with the token and saves it under the name the server gives (or `fallbackName`). */
export async function downloadWithToken(token: string, path: string, fallbackName: string): Promise<void> {
  const response = await callFileRoute(token, path);
  const named = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await response.blob());
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = named ?? fallbackName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
