import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, asApiError } from '../api/client';
import { importStatus, MAX_UPLOAD_BYTES, startImport, type ImportJob } from '../api/imports';
import { ErrorMessage } from '../components/Status';

/** How often a running import is asked how far it is. */
export const POLL_MS = 300;

const KINDS = ['people.jsonl', 'people.csv', 'skills.jsonl', 'communities.jsonl', 'evidence.jsonl', 'interviews.jsonl'];
const NAMES =
  'people.jsonl, people.csv, skills.jsonl, communities.jsonl, evidence.jsonl or interviews.jsonl (a prefix such as hr-people.csv is fine)';

/** Whether the server can tell a file's kind from its name (as `import::kind_of` does). */
export function knownName(name: string): boolean {
  const lower = name.toLowerCase();
  return KINDS.some((k) => lower === k || lower.endsWith(`-${k}`) || lower.endsWith(`_${k}`));
}

const number = new Intl.NumberFormat('en-GB');
const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** Each changed count's key in the report, as one and as several. */
const CHANGED_LABELS: [string, string, string][] = [
  ['people', 'person', 'people'],
  ['skills', 'skill', 'skills'],
  ['offices', 'office', 'offices'],
  ['communities', 'community', 'communities'],
  ['evidence', 'piece of evidence', 'pieces of evidence'],
  ['interviews', 'interview', 'interviews'],
  ['links', 'link (skills, members, authors, tags)', 'links (skills, members, authors, tags)'],
];

/** Upload the files of FORMATS.md, watch them import, then see what was accepted and what was not. */
export function ImportFiles() {
  const fileId = useId();
  const strictId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [strict, setStrict] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [polls, setPolls] = useState(0);

  const running = job != null && job.phase !== 'done' && job.phase !== 'failed';

  useEffect(() => {
    if (!job || !running) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      importStatus(job.id)
        .then((next) => !cancelled && setJob(next))
        .catch((e: unknown) => !cancelled && setError(asApiError(e)));
    }, POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // `polls` lets "Check again" ask once more after a failed poll.
  }, [job, running, polls]);

  const start = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    if (files.length === 0) {
      setError(new ApiError(`Choose at least one file to import: ${NAMES}.`, 'CLIENT'));
      return;
    }
    const unknown = files.filter((f) => !knownName(f.name));
    if (unknown.length > 0) {
      setError(
        new ApiError(`Cannot tell what ${unknown.map((f) => f.name).join(', ')} holds. Rename it ${NAMES}.`, 'CLIENT'),
      );
      return;
    }
    const size = files.reduce((n, f) => n + f.size, 0);
    if (size > MAX_UPLOAD_BYTES) {
      setError(
        new ApiError(
          `These files are ${mib(size)} together; the server takes up to ${mib(MAX_UPLOAD_BYTES)} at once. Import them in parts, or run tacit import on the server.`,
          'CLIENT',
        ),
      );
      return;
    }
    setUploading(true);
    try {
      const { id } = await startImport(files, strict);
      setJob(await importStatus(id));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setUploading(false);
    }
  };

  const again = () => {
    setJob(null);
    setFiles([]);
    setError(null);
    if (input.current) input.current.value = '';
  };

  return (
    <section className="panel" aria-labelledby="import-heading">
      <h2 id="import-heading">Import</h2>
      <p className="muted">
        Add or update people, skills, communities, evidence and interviews from the files your HR and document systems
        export. Name each file for what it holds: {NAMES}.
      </p>
      {!job && (
        <form className="import-form" onSubmit={start}>
          <div className="field">
            <label htmlFor={fileId}>Files to import</label>
            <input
              id={fileId}
              ref={input}
              type="file"
              multiple
              accept=".jsonl,.csv"
              disabled={uploading}
              onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
            />
          </div>
          <div className="field field--check">
            <input
              id={strictId}
              type="checkbox"
              checked={strict}
              disabled={uploading}
              onChange={(e) => setStrict(e.target.checked)}
            />
            <label htmlFor={strictId}>Stop at the first bad line — commit nothing</label>
          </div>
          <button type="submit" className="button button--primary" disabled={uploading}>
            {uploading ? 'Uploading…' : 'Start import'}
          </button>
        </form>
      )}
      {error && (
        <ErrorMessage
          error={error}
          onRetry={
            running
              ? () => {
                  setError(null);
                  setPolls((n) => n + 1);
                }
              : undefined
          }
        />
      )}
      {job && running && <Progress job={job} />}
      {job && !running && <Report job={job} />}
      {job && !running && (
        <button type="button" className="button" onClick={again}>
          Import more files
        </button>
      )}
    </section>
  );
}

function Progress({ job }: { job: ImportJob }) {
  const { phase, step, done, total } = job;
  const counted = total != null && total > 0;
  let words: string;
  if (phase === 'reading') {
    const percent = counted ? Math.min(100, Math.round((done / total) * 100)) : null;
    words = `${step.replace(/^reading/, 'Reading')}${percent != null ? `: ${percent}%` : '…'}`;
  } else if (phase === 'checking') {
    words = counted ? `Checking records: ${number.format(done)} of ${number.format(total)}` : 'Checking records…';
  } else {
    words = step === 'writing' ? 'Writing to the database…' : `${step.charAt(0).toUpperCase()}${step.slice(1)}…`;
  }
  return (
    <div className="import-progress">
      <progress
        max={counted ? total : undefined}
        value={counted ? Math.min(done, total) : undefined}
        aria-label="Import progress"
      />
      <p role="status" aria-live="polite">
        {words}
      </p>
    </div>
  );
}

function Report({ job }: { job: ImportJob }) {
  if (job.phase === 'failed' || !job.report) {
    return (
      <div className="status status--error" role="alert">
        <p>
          The import of {job.files.join(', ')} failed: {job.error ?? 'the server gave no reason'}.
        </p>
        <p>Fix the file and import it again.</p>
      </div>
    );
  }
  const r = job.report;
  const changed = CHANGED_LABELS.filter(([k]) => (r.changed[k] ?? 0) > 0).map(([k, one, many]) => {
    const n = r.changed[k] ?? 0;
    return `${number.format(n)} ${n === 1 ? one : many}`;
  });
  const total = Object.values(r.changed).reduce((n, v) => n + v, 0);
  const rejected = job.rejectedCount;
  return (
    <div className="import-report">
      <p role="status">
        {r.committed
          ? rejected === 0
            ? `Imported ${job.files.join(', ')}: every line was accepted.`
            : `Imported ${job.files.join(', ')}: the good lines were written; ${number.format(rejected)} ${rejected === 1 ? 'line was' : 'lines were'} rejected.`
          : 'Nothing was written: some lines were bad, and you asked to stop at the first bad line. Fix the lines below and import the files again.'}
      </p>
      <dl className="import-counts">
        <div>
          <dt>Accepted</dt>
          <dd>{number.format(r.accepted)}</dd>
        </div>
        <div>
          <dt>Rejected</dt>
          <dd>{number.format(rejected)}</dd>
        </div>
        <div>
          <dt>Changed</dt>
          <dd>{number.format(total)}</dd>
        </div>
        <div>
          <dt>Committed</dt>
          <dd>{r.committed ? 'Yes' : 'No, nothing was written'}</dd>
        </div>
      </dl>
      {changed.length > 0 && <p className="muted">Changed: {changed.join(', ')}.</p>}
      {r.committed && total === 0 && (
        <p className="muted">Nothing changed: everything in the files was already here.</p>
      )}
      {r.rejected.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption>
              Rejected lines
              {rejected > r.rejected.length
                ? ` (the first ${number.format(r.rejected.length)} of ${number.format(rejected)})`
                : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Line</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {r.rejected.map((l, i) => (
                <tr key={i}>
                  <td data-label="File">{l.file}</td>
                  <td data-label="Line">{l.line}</td>
                  <td data-label="Why">{l.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
