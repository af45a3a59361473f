import { useId, useState } from 'react';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorMessage } from '../components/Status';
import { Done } from '../components/Done';
import { SetDiscoverable } from './queries';

export const SHOWN = 'You are shown in expert search again.';
export const HIDDEN =
  'You no longer appear in expert search, people lists or on colleagues’ screens. HR and admins can still see your profile.';

/** The switch for a person's `discoverable` flag: whether expert search and lists show them. */
export function Discoverable({ personId, discoverable }: { personId: string; discoverable: boolean }) {
  const hint = useId();
  const action = useAction();
  const [on, setOn] = useState(discoverable);
  const [changed, setChanged] = useState(false);
  const toggle = async () => {
    setChanged(false);
    const result = await action.run(() => request(SetDiscoverable, { id: personId, discoverable: !on }));
    if (!result) return;
    setOn(result.updatePerson.person.discoverable);
    setChanged(true);
  };
  return (
    <section className="panel" aria-labelledby="discoverable-heading">
      <h2 id="discoverable-heading">Expert search</h2>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-describedby={hint}
        className="switch"
        disabled={action.busy}
        onClick={toggle}
      >
        <span className="switch__track" aria-hidden="true">
          <span className="switch__thumb" />
        </span>
        <span>Show me in expert search</span>
        <span className="switch__state" aria-hidden="true">
          {on ? 'On' : 'Off'}
        </span>
      </button>
      <p id={hint} className="field__hint">
        When this is on, colleagues who ask who knows about something can find you. Turn it off to leave expert search,
        people lists and community member lists; only you, HR and admins then see your profile.
      </p>
      {changed && !action.busy && <Done>{on ? SHOWN : HIDDEN}</Done>}
      {action.error && <ErrorMessage error={action.error} />}
    </section>
  );
}
