import { graphql, readFragment, type FragmentOf } from '../graphql';
import { safeHref } from '../lib/links';

/** The ways to reach someone, built by the server from the configured templates. */
export const ContactActionsFields = graphql(`
  fragment ContactActionsFields on Person @_unmask {
    name
    contactActions {
      label
      url
    }
  }
`);

/** Contact actions as a row of links styled as buttons; nothing when there are none. */
export function ContactActions({ person: masked }: { person: FragmentOf<typeof ContactActionsFields> }) {
  const person = readFragment(ContactActionsFields, masked);
  const actions = person.contactActions.flatMap((a) => {
    const href = safeHref(a.url);
    return href ? [{ label: a.label, href }] : [];
  });
  if (actions.length === 0) return null;
  return (
    <ul className="contact-actions" aria-label={`Contact ${person.name}`}>
      {actions.map((a, i) => (
        <li key={`${i}-${a.label}`}>
          <a className="button button--small" href={a.href}>
            {a.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
