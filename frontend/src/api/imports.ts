import { ApiError } from './client';
import { reportSessionEnded, SESSION_ENDED_MESSAGE } from './session';

/** The server's limit on one upload, all files together (`MAX_UPLOAD_BYTES` in src/api/imports.rs). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

export type ImportPhase = 'reading' | 'checking' | 'writing' | 'done' | 'failed';

export interface RejectedLine {
  file: string;
  line: number;
  reason: string;
}

/** What an import did: the object `tacit import --json` prints. */
export interface ImportReport {
  records: number;
  accepted: number;
  rejected: RejectedLine[];
  committed: boolean;
  changed: Record<string, number>;
}

/** `GET /api/imports/{id}`. */
export interface ImportJob {
  id: string;
  files: string[];
  strict: boolean;
  startedBy: string;
  startedAt: string;
  phase: ImportPhase;
  step: string;
  done: number;
  total: number | null;
  finishedAt: string | null;
  report: ImportReport | null;
  rejectedCount: number;
  error: string | null;
}

async function send(path: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: 'same-origin',
      ...init,
      // The server refuses cookie-signed uploads without this header (a CSRF guard).
      headers: { accept: 'application/json', 'x-tacit-request': '1' },
    });
  } catch {
    throw new ApiError('Could not reach the Tacit server. Check your connection and try again.', 'NETWORK');
  }
  if (response.status === 401) {
    reportSessionEnded();
    throw new ApiError(SESSION_ENDED_MESSAGE, 'UNAUTHENTICATED');
  }
  let body: { errors?: { message?: string; extensions?: { code?: string } }[] } | null = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = body?.errors?.[0];
    const code = error?.extensions?.code ?? `HTTP_${response.status}`;
    if (response.status === 413) {
      throw new ApiError('These files are too large to upload together (64 MiB at most). Import them in parts.', code);
    }
    const message = error?.message
      ? `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`
      : `The server could not start the import (HTTP ${response.status}). Please try again.`;
    throw new ApiError(message, code);
  }
  if (body == null) {
    throw new ApiError(
      `The server sent an answer we could not read (HTTP ${response.status}). Please try again.`,
      'BAD_RESPONSE',
    );
  }
  return body;
}

/** Uploads `files` and starts importing them; the id to watch. */
export async function startImport(files: File[], strict: boolean): Promise<{ id: string; status: string }> {
  const form = new FormData();
  for (const f of files) form.append('files', f, f.name);
  if (strict) form.append('strict', 'true');
  return (await send('/api/imports', { method: 'POST', body: form })) as { id: string; status: string };
}

/** How far import `id` is, and its report once done. */
export async function importStatus(id: string): Promise<ImportJob> {
  return (await send(`/api/imports/${encodeURIComponent(id)}`, { method: 'GET' })) as ImportJob;
}
