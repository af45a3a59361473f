import { graphql, readFragment, type FragmentOf } from '../graphql';

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
  if (person.contactActions.length === 0) return null;
  return (
    <ul className="contact-actions" aria-label={`Contact ${person.name}`}>
      {person.contactActions.map((a) => (
        <li key={a.label}>
          <a className="button button--small" href={a.url} rel="noopener noreferrer">
            {a.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
