import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from '../api/useQuery';
import { graphql } from '../graphql';
import { useDebounced } from '../lib/hooks';
import { ErrorMessage } from './Status';

export interface Choice {
  id: string;
  name: string;
  /** What tells two matches with the same name apart (a person's title, office, status). */
  detail?: string;
}

const DEBOUNCE_MS = 200;

export const PeopleLookup = graphql(`
  query PeopleLookup($prefix: String!) {
    people(first: 8, filter: { namePrefix: $prefix }) {
      nodes {
        id
        name
        title
        status
        office {
          name
        }
      }
    }
  }
`);

export const SkillsLookup = graphql(`
  query SkillsLookup($prefix: String!) {
    skills(first: 8, prefix: $prefix) {
      nodes {
        id
        name
      }
    }
  }
`);

/**
 * A labelled box that finds people or skills by the start of their name and
 * lists the matches as buttons; choosing one calls `onChoose` and clears the box.
 * Enter in the box never sends the form around it (the first match, if one
 * is shown, is chosen instead); the down and up arrows move between the box
 * and the matches.
 */
export function Lookup({
  kind,
  label,
  onChoose,
  exclude = [],
  unavailable,
}: {
  kind: 'person' | 'skill';
  label: string;
  onChoose: (choice: Choice) => void;
  exclude?: readonly string[];
  /** Matches shown greyed, not to be chosen, each with why ("asked the question"). */
  unavailable?: ReadonlyMap<string, string>;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const prefix = useDebounced(text.trim(), DEBOUNCE_MS);
  const box = useRef<HTMLDivElement>(null);
  const matches = () => Array.from(box.current?.querySelectorAll<HTMLButtonElement>('.lookup__matches button') ?? []);
  const keys = (e: KeyboardEvent<HTMLElement>) => {
    const input = box.current?.querySelector('input');
    const list = matches();
    const at = list.indexOf(e.target as HTMLButtonElement);
    if (e.key === 'Enter' && e.target === input) {
      e.preventDefault();
      list[0]?.click();
    } else if (e.key === 'ArrowDown' && list.length > 0) {
      e.preventDefault();
      list[Math.min(at + 1, list.length - 1)]?.focus();
    } else if (e.key === 'ArrowUp' && at >= 0) {
      e.preventDefault();
      (at === 0 ? input : list[at - 1])?.focus();
    }
  };
  return (
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions -- keys pressed in the box and on the match buttons
    <div className="field lookup" ref={box} onKeyDown={keys}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={text} autoComplete="off" onChange={(e) => setText(e.target.value)} />
      {prefix && (
        <Matches
          kind={kind}
          prefix={prefix}
          exclude={exclude}
          unavailable={unavailable}
          label={label}
          onChoose={(c) => {
            setText('');
            onChoose(c);
          }}
        />
      )}
    </div>
  );
}

interface MatchProps {
  prefix: string;
  exclude: readonly string[];
  unavailable: ReadonlyMap<string, string> | undefined;
  label: string;
  onChoose: (choice: Choice) => void;
}

function Matches({ kind, ...props }: MatchProps & { kind: 'person' | 'skill' }) {
  return kind === 'person' ? <PersonMatches {...props} /> : <SkillMatches {...props} />;
}

function PersonMatches(props: MatchProps) {
  const { data, error, loading, retry } = useQuery(PeopleLookup, { prefix: props.prefix });
  const found = (data?.people.nodes ?? [])
    .filter((p) => p.status !== 'LEFT')
    .map((p) => ({
      id: p.id,
      name: p.name,
      detail: [p.title, p.office?.name, p.status === 'LEAVING' ? 'leaving' : null].filter(Boolean).join(' · '),
    }));
  return <MatchList {...props} found={data ? found : undefined} error={error} loading={loading} retry={retry} />;
}

function SkillMatches(props: MatchProps) {
  const { data, error, loading, retry } = useQuery(SkillsLookup, { prefix: props.prefix });
  return <MatchList {...props} found={data?.skills.nodes} error={error} loading={loading} retry={retry} />;
}

function MatchList({
  prefix,
  exclude,
  unavailable,
  label,
  onChoose,
  found,
  error,
  loading,
  retry,
}: MatchProps & {
  found: ReadonlyArray<Choice> | undefined;
  error: Error | undefined;
  loading: boolean;
  retry: () => void;
}) {
  if (error) return <ErrorMessage error={error} onRetry={retry} />;
  if (loading && !found)
    return (
      <p className="muted" role="status">
        Looking…
      </p>
    );
  const shown = (found ?? []).filter((c) => !exclude.includes(c.id));
  if (shown.length === 0)
    return (
      <p className="muted" role="status">
        No match for “{prefix}”.
      </p>
    );
  return (
    <ul className="lookup__matches" aria-label={`${label}: matches`}>
      {shown.map((c) => {
        const why = unavailable?.get(c.id);
        return why ? (
          <li key={c.id} className="lookup__unavailable">
            <span className="lookup__name">{c.name}</span> <span className="muted">{why}</span>
          </li>
        ) : (
          <li key={c.id}>
            <button type="button" className="button button--small" onClick={() => onChoose(c)}>
              {c.name}
            </button>
            {c.detail && <span className="muted"> {c.detail}</span>}
          </li>
        );
      })}
    </ul>
  );
}
