import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useSearchParams } from 'react-router';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { label } from '../lib/labels';
import { formatDateTime } from '../lib/time';
import { Done } from '../components/Done';
import { AuditChainCheck } from './AuditChainCheck';
import { saveBlob } from '../lib/download';
import { fetchAuditCsv } from './auditExport';
import {
  ACTION_CHOICES,
  NO_FILTERS,
  csvQuery,
  describeFilters,
  filterVariables,
  hasFilters,
  readFilters,
  writeFilters,
  type AuditFilters,
} from './auditFilters';
import { AuditLogQuery, type AuditEntry } from './queries';

export const AUDIT_PAGE = 25;

/** The select's value for "an action not in the list", typed in by hand. */
const OTHER_ACTION = '__other__';

/**
 * The audit log, newest first: filtered by who acted, what it was about, the action and a date
 * range (all kept in the address, so a view can be shared and the back button works), paged back
 * with "older entries", and exported as CSV exactly as filtered.
 */
export function AuditLog() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const key = csvQuery(filters);
  const section = useRef<HTMLElement>(null);
  const actorInput = useRef<HTMLInputElement>(null);
  const targetInput = useRef<HTMLInputElement>(null);

  // Each change of filters is a step in the history, so the back button returns to the last view
  // (showing the same filters again is not).
  const apply = (next: AuditFilters) =>
    setParams((p) => writeFilters(p, next), { preventScrollReset: true, replace: csvQuery(next) === key });
  const clear = () => apply(NO_FILTERS);
  // A name picked in the list: only entries by or about it, and the field that now holds it focused.
  const narrow = (name: 'actor' | 'target', value: string) => {
    apply({ ...filters, [name]: value });
    (name === 'actor' ? actorInput : targetInput).current?.focus();
  };

  // Someone arriving by a shared link to a filtered view sees the log, not the top of the page.
  useEffect(() => {
    if (hasFilters(readFilters(params))) section.current?.scrollIntoView?.({ block: 'start' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on arrival, not on every later filter change
  }, []);

  return (
    <section className="panel audit-log" aria-labelledby="audit-heading" id="audit" ref={section}>
      <h2 id="audit-heading">Audit log</h2>
      <p className="muted">Every sensitive action, refusal and export, in a hash chain that shows any tampering.</p>
      <AuditChainCheck />
      <FilterForm filters={filters} onApply={apply} onClear={clear} actorInput={actorInput} targetInput={targetInput} />
      <ExportCsv key={`export ${key}`} filters={filters} />
      <Entries key={key} filters={filters} onNarrow={narrow} onClear={clear} />
    </section>
  );
}

function choiceFor(action: string): string {
  if (!action) return '';
  return ACTION_CHOICES.some((c) => c.value === action) ? action : OTHER_ACTION;
}

function FilterForm(props: {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
  onClear: () => void;
  actorInput: RefObject<HTMLInputElement | null>;
  targetInput: RefObject<HTMLInputElement | null>;
}) {
  const { filters } = props;
  const id = useId();
  const [draft, setDraft] = useState(filters);
  const [choice, setChoice] = useState(() => choiceFor(filters.action));
  const key = csvQuery(filters);

  // The address changed (the back button, a name picked in the list, "Clear filters"): show its filters.
  useEffect(() => {
    setDraft(filters);
    setChoice(choiceFor(filters.action));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `filters` (a new object each render)
  }, [key]);

  const set = (name: keyof AuditFilters, value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const chooseAction = (value: string) => {
    setChoice(value);
    if (value !== OTHER_ACTION) set('action', value);
    else if (choiceFor(draft.action) !== OTHER_ACTION) set('action', '');
  };

  return (
    <form
      className="filters audit-filter"
      aria-label="Filter the audit log"
      onSubmit={(e) => {
        e.preventDefault();
        const trimmed = { ...draft };
        for (const name of Object.keys(trimmed) as (keyof AuditFilters)[]) trimmed[name] = trimmed[name].trim();
        props.onApply(trimmed);
      }}
    >
      <p className="audit-filter__hint muted">
        Click a name in the table below to see only the entries by or about them; the fields take ids such as
        person:e0042.
      </p>
      <div className="field">
        <label htmlFor={`${id}-actor`}>Only entries by</label>
        <input
          id={`${id}-actor`}
          ref={props.actorInput}
          value={draft.actor}
          placeholder="person:e0042"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set('actor', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-target`}>Only entries about</label>
        <input
          id={`${id}-target`}
          ref={props.targetInput}
          value={draft.target}
          placeholder="interview:iv-… or token:…"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set('target', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-action`}>Action</label>
        <select id={`${id}-action`} value={choice} onChange={(e) => chooseAction(e.target.value)}>
          <option value="">Any action</option>
          {ACTION_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label} ({c.value})
            </option>
          ))}
          <option value={OTHER_ACTION}>Another action…</option>
        </select>
      </div>
      {choice === OTHER_ACTION && (
        <div className="field">
          <label htmlFor={`${id}-other`}>Action name</label>
          <input
            id={`${id}-other`}
            value={draft.action}
            placeholder="interview.dispose"
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${id}-other-hint`}
            onChange={(e) => set('action', e.target.value)}
          />
          <span id={`${id}-other-hint`} className="field__hint muted">
            A name such as interview.dispose, or a group such as interview.
          </span>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          value={draft.from}
          max={draft.until || undefined}
          aria-describedby={`${id}-days`}
          onChange={(e) => set('from', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-until`}>Until</label>
        <input
          id={`${id}-until`}
          type="date"
          value={draft.until}
          min={draft.from || undefined}
          aria-describedby={`${id}-days`}
          onChange={(e) => set('until', e.target.value)}
        />
      </div>
      <p id={`${id}-days`} className="audit-filter__hint muted">
        Whole days in UTC; both days are included.
      </p>
      <div className="audit-filter__actions">
        <button type="submit" className="button button--primary">
          Show
        </button>
        {hasFilters(filters) && (
          <button type="button" className="button" onClick={props.onClear}>
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}

/** "Export CSV": the entries the filters select (every page, not only those shown), saved as a file. */
function ExportCsv({ filters }: { filters: AuditFilters }) {
  const id = useId();
  const action = useAction();
  const [saved, setSaved] = useState<string>();
  const described = describeFilters(filters);
  const run = async () => {
    if (action.busy) return;
    setSaved(undefined);
    const file = await action.run(() => fetchAuditCsv(filters));
    if (file) {
      saveBlob(file.blob, file.fileName);
      setSaved(file.fileName);
    }
  };
  return (
    <div className="audit-export">
      <div className="audit-export__row">
        <button
          type="button"
          className="button"
          aria-disabled={action.busy || undefined}
          aria-describedby={`${id}-what`}
          onClick={run}
        >
          {action.busy ? 'Exporting…' : 'Export CSV'}
        </button>
        <span id={`${id}-what`} className="muted">
          {described ? `Every entry ${described}` : 'Every entry'}, on every page (not only those shown), as a CSV file.
          The export is itself recorded in the audit log.
        </span>
      </div>
      {action.busy && (
        <p className="status status--loading" role="status">
          <span className="spinner" aria-hidden="true" /> Preparing the CSV file…
        </p>
      )}
      {saved && !action.busy && <Done>Saved {saved} in your downloads.</Done>}
      {action.error && <ErrorMessage error={action.error} onRetry={run} />}
    </div>
  );
}

function Entries({
  filters,
  onNarrow,
  onClear,
}: {
  filters: AuditFilters;
  onNarrow: (name: 'actor' | 'target', value: string) => void;
  onClear: () => void;
}) {
  const variables = filterVariables(filters);
  const { data, error, loading, retry } = useQuery(AuditLogQuery, { first: AUDIT_PAGE, before: null, ...variables });
  const more = useAction();
  const [older, setOlder] = useState<AuditEntry[][]>([]);
  useEffect(() => setOlder([]), [data]);
  const filtered = hasFilters(filters);
  const clearButton = (
    <button type="button" className="button" onClick={onClear}>
      Clear filters
    </button>
  );
  if (error) {
    // A filter the server refused says why; trying again would not help, clearing does.
    if (error.code === 'BAD_USER_INPUT') {
      return (
        <div className="audit-empty">
          <ErrorMessage error={error} />
          {filtered && clearButton}
        </div>
      );
    }
    return <ErrorMessage error={error} onRetry={retry} />;
  }
  if (loading && !data) return <Loading what="the audit log" />;
  const pages = [data?.auditLog ?? [], ...older];
  const entries = pages.flat();
  const last = pages[pages.length - 1] ?? [];
  const hasOlder = last.length === AUDIT_PAGE;
  if (entries.length === 0) {
    if (!filtered) return <Empty>The audit log is empty.</Empty>;
    return (
      <div className="audit-empty">
        <Empty>No entries match these filters.</Empty>
        {clearButton}
      </div>
    );
  }
  const loadOlder = async () => {
    const before = entries[entries.length - 1]?.seq;
    const page = await more.run(() => request(AuditLogQuery, { first: AUDIT_PAGE, before, ...variables }));
    if (page) setOlder((o) => [...o, page.auditLog]);
  };
  const described = describeFilters(filters);
  return (
    <>
      <div className="table-scroll">
        <table className="table audit">
          <caption className="visually-hidden">
            {described ? `Audit entries ${described}, newest first` : 'Audit entries, newest first'}
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">What happened</th>
              <th scope="col">Who</th>
              <th scope="col">About</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}>
                <th scope="row">{e.seq}</th>
                <td className="audit__when">
                  <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                </td>
                <td className="audit__what">
                  {e.outcome !== 'ok' && (
                    <span className={`badge badge--outcome badge--${e.outcome}`}>{label(e.outcome)}</span>
                  )}{' '}
                  <span className="audit__summary">{e.summary}</span>
                  <code className="audit__action">{e.action}</code>
                </td>
                <td data-label="Who" className="audit__ref">
                  <Reference id={e.actor} name={e.actorName} by="actor" current={filters.actor} onPick={onNarrow} />
                </td>
                <td data-label="About" className="audit__ref">
                  {e.target ? (
                    <Reference
                      id={e.target}
                      name={e.targetName ?? e.target}
                      by="target"
                      current={filters.target}
                      onPick={onNarrow}
                    />
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="audit__more">
                  <details>
                    <summary>
                      Details<span className="visually-hidden"> of entry #{e.seq}</span>
                    </summary>
                    <pre className="audit__json">{JSON.stringify(e.detail ?? null, null, 2)}</pre>
                    <p className="audit__hash">
                      <span className="muted">Hash </span>
                      <code>{e.hash}</code>
                    </p>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="load-more">
        <p className="muted" aria-live="polite">
          Showing {entries.length} {entries.length === 1 ? 'entry' : 'entries'}, #{entries[0]?.seq} to #
          {entries[entries.length - 1]?.seq}
        </p>
        {hasOlder && (
          <button type="button" className="button" disabled={more.busy} onClick={loadOlder}>
            {more.busy ? 'Loading older entries…' : 'Show older entries'}
          </button>
        )}
      </div>
      {more.error && <ErrorMessage error={more.error} onRetry={loadOlder} />}
    </>
  );
}

/**
 * Who acted or what it was about: the name, which narrows the log to it when picked, and the id
 * (`person:e0042`) in muted text beneath.
 */
function Reference(props: {
  id: string;
  name: string;
  by: 'actor' | 'target';
  current: string;
  onPick: (name: 'actor' | 'target', value: string) => void;
}) {
  const { id, name, by } = props;
  const hint = by === 'actor' ? `Show only entries by ${name} (${id})` : `Show only entries about ${name} (${id})`;
  return (
    <>
      {props.current === id ? (
        <span className="audit__name">{name}</span>
      ) : (
        <button type="button" className="link-button audit__name" title={hint} onClick={() => props.onPick(by, id)}>
          {name}
        </button>
      )}
      {name !== id && <span className="audit__id muted">{id}</span>}
    </>
  );
}
