/**
 * Why the sign-in through the organisation's identity provider did not work:
 * the server sends the browser to `/signin?error=<code>`; this says it in
 * plain words, with what to do next.
 */
export interface SignInError {
  /** What happened. */
  text: string;
  /** What the person can do about it. */
  action: string;
}

const RUNS_TACIT = 'whoever runs Tacit for your organisation';

const ERRORS: Record<string, SignInError> = {
  state: {
    text: 'The sign-in was interrupted or took too long, so Tacit could not finish it.',
    action: 'Please sign in again. If Tacit is open in several tabs, sign in from just one of them.',
  },
  denied: {
    text: 'The sign-in was cancelled, or your organisation’s sign-in service did not allow it.',
    action: `Sign in again and allow Tacit when asked. If you are not allowed to use Tacit, ask ${RUNS_TACIT}.`,
  },
  provider: {
    text: 'Your organisation’s sign-in service reported a problem with this sign-in.',
    action: `Please try again in a moment. If it keeps happening, tell ${RUNS_TACIT}.`,
  },
  unavailable: {
    text: 'Tacit could not reach your organisation’s sign-in service just now.',
    action: 'Please try again in a few minutes.',
  },
  token: {
    text: 'Tacit could not confirm who you are from your organisation’s sign-in service.',
    action: `Please sign in again. If it keeps happening, tell ${RUNS_TACIT}.`,
  },
  unknown_person: {
    text: 'Your organisation account is not linked to anyone in Tacit.',
    action: `Ask ${RUNS_TACIT} to add you, with the e-mail address of your organisation account.`,
  },
  left: {
    text: 'Your organisation account belongs to someone who has left, so it cannot be used to sign in to Tacit.',
    action: `If you still work here, ask ${RUNS_TACIT} to correct your record.`,
  },
};

const UNKNOWN: SignInError = {
  text: 'The sign-in did not work.',
  action: `Please sign in again. If it keeps happening, tell ${RUNS_TACIT}.`,
};

/** The plain-words explanation of an `?error=` code; any code the app does not know gets a general one. */
export function signInError(code: string): SignInError {
  return (Object.hasOwn(ERRORS, code) && ERRORS[code]) || UNKNOWN;
}

/** `next` when it is a path on this site, otherwise the start page: never another site. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  return next;
}
