import { useId, useState } from 'react';

/** The secret of a token just created: shown once, with a copy button and a warning. */
export function NewSecret({ name, secret, onDismiss }: { name: string; secret: string; onDismiss: () => void }) {
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'no'>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <div className="new-secret" role="region" aria-label={`Secret of ${name}`}>
      <p className="notice notice--urgent">
        Copy this secret now and keep it somewhere safe: Tacit will not show it again. If it is lost, revoke the token
        and create a new one.
      </p>
      <div className="field">
        <label htmlFor={id}>Secret of {name}</label>
        <input id={id} className="new-secret__value" readOnly value={secret} onFocus={(e) => e.target.select()} />
      </div>
      <div className="new-secret__actions">
        <button type="button" className="button button--primary" onClick={copy}>
          Copy secret
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          I have stored it
        </button>
      </div>
      {copied === 'yes' && <p role="status">Copied to the clipboard.</p>}
      {copied === 'no' && (
        <p role="status">This browser would not copy it for us; select the secret above and copy it yourself.</p>
      )}
    </div>
  );
}
