import { Link } from 'react-router';
import { usePageTitle } from '../lib/hooks';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <p>
        <Link to="/search">Search for an expert</Link> or <Link to="/people">go to the people directory</Link>
      </p>
    </section>
  );
}
