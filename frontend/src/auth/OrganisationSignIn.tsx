/**
 * The sign-in through the organisation's identity provider: a plain link, so
 * the browser leaves for the server's `/auth/oidc/login`, which sends it on to
 * the identity provider and, once the person has signed in there, back to
 * `next` with a session cookie. No token ever reaches this app.
 */
export function OrganisationSignIn({
  loginUrl,
  next,
  providerName,
}: {
  loginUrl: string;
  next: string;
  providerName?: string;
}) {
  const href = `${loginUrl}?${new URLSearchParams({ next })}`;
  return (
    <section className="panel sign-in__org" aria-labelledby="org-sign-in-heading">
      <h2 id="org-sign-in-heading">Your organisation account</h2>
      <p>
        Sign in with the account you use for your organisation’s other systems
        {providerName ? ` (${providerName})` : ''}. You will come back to Tacit afterwards.
      </p>
      <a className="button button--primary button--link" href={href}>
        Sign in with your organisation account
      </a>
    </section>
  );
}
