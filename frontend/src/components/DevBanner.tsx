export const DEV_WARNING = 'Development sign-in: anyone can act as anyone. Not for real data.';

/** Shown at the top of every page while signed in through development sign-in. */
export function DevBanner() {
  return (
    <div className="dev-banner" role="region" aria-label="Development sign-in warning">
      <strong>{DEV_WARNING}</strong>
    </div>
  );
}
