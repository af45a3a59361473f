import { ApiError } from '../api/client';
import { reportSessionEnded, SESSION_ENDED_MESSAGE } from '../api/session';
import { csvQuery, type AuditFilters } from './auditFilters';

/** What the file is called when the server does not say (it names it in Content-Disposition). */
export const AUDIT_CSV_FILE = 'tacit-audit-log.csv';

export const AUDIT_CSV_PATH = '/api/audit.csv';

/** The address of the CSV of the entries `filters` select, e.g. `/api/audit.csv?action=interview`. */
export function auditCsvUrl(filters: AuditFilters): string {
  const query = csvQuery(filters);
  return query ? `${AUDIT_CSV_PATH}?${query}` : AUDIT_CSV_PATH;
}

/**
 * Fetches the filtered audit log as CSV with the session cookie (and the header
 * the server expects from the web app), or throws an {@link ApiError} in plain words.
 */
export async function fetchAuditCsv(
  filters: AuditFilters,
  signal?: AbortSignal,
): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(auditCsvUrl(filters), {
      method: 'GET',
      credentials: 'same-origin',
      headers: { accept: 'text/csv, application/json', 'x-tacit-request': '1' },
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError('Could not reach the Tacit server. Check your connection and try again.', 'NETWORK');
  }
  if (response.status === 401) {
    reportSessionEnded();
    throw new ApiError(SESSION_ENDED_MESSAGE, 'UNAUTHENTICATED');
  }
  if (!response.ok) throw await exportError(response);
  // Anything but CSV (a web page from a proxy that does not pass /api on) is not the export.
  const type = response.headers.get('content-type') ?? '';
  if (type && !/csv/i.test(type)) {
    throw new ApiError(
      'The server did not send a CSV file. Please try again, or ask whoever runs Tacit to check it.',
      'BAD_RESPONSE',
    );
  }
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    throw new ApiError('The export stopped before it was complete. Please try again.', 'BAD_RESPONSE');
  }
  return { blob, fileName: fileNameOf(response) ?? AUDIT_CSV_FILE };
}

/** The server's error (`{ errors: [{ message, extensions: { code } }] }`) worded for a person. */
async function exportError(response: Response): Promise<ApiError> {
  let error: { message?: string; extensions?: { code?: string } } | undefined;
  try {
    const body = (await response.json()) as { errors?: (typeof error)[] };
    error = body?.errors?.[0];
  } catch {
    error = undefined;
  }
  const code = error?.extensions?.code ?? `HTTP_${response.status}`;
  if (response.status === 403) return new ApiError('Only administrators may export the audit log.', code);
  if (response.status === 400 && error?.message) return new ApiError(sentence(error.message), code);
  return new ApiError(`The server could not export the audit log (HTTP ${response.status}). Please try again.`, code);
}

/** "the date range ends before it starts" → "The date range ends before it starts." */
function sentence(message: string): string {
  const text = message.trim();
  const capital = `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The file name in `Content-Disposition: attachment; filename="…"`, if it is a plain one. */
function fileNameOf(response: Response): string | undefined {
  const header = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/i.exec(header)?.[1]?.trim();
  return name && !/[\\/]/.test(name) ? name : undefined;
}
