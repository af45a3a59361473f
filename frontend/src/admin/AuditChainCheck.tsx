import { useState } from 'react';
import { request } from '../api/client';
import { useAction } from '../api/useAction';
import { ErrorMessage } from '../components/Status';
import { plural } from '../lib/text';
import { AuditChainQuery, type AuditChain } from './queries';

/** Checks the audit log's hash chain on demand and says whether it is intact. */
export function AuditChainCheck() {
  const action = useAction();
  const [chain, setChain] = useState<AuditChain>();
  const verify = async () => {
    setChain(undefined);
    const result = await action.run(() => request(AuditChainQuery, {}));
    if (result) setChain(result.auditChain);
  };
  return (
    <div className="chain">
      <button type="button" className="button" disabled={action.busy} onClick={verify}>
        {action.busy ? 'Checking the audit log…' : 'Verify the audit log'}
      </button>
      {chain && <ChainResult chain={chain} />}
      {action.error && <ErrorMessage error={action.error} onRetry={verify} />}
    </div>
  );
}

function ChainResult({ chain }: { chain: AuditChain }) {
  if (chain.ok) {
    return (
      <p className="status status--done" role="status">
        <strong>Intact.</strong> {plural(chain.checked, 'entry', 'entries')} checked, up to entry #{chain.headSeq}; none
        was changed or removed.
      </p>
    );
  }
  return (
    <div className="status status--error" role="alert">
      <p>
        <strong>Broken</strong>
        {chain.firstBroken != null && <> at entry #{chain.firstBroken}</>}
        {chain.reason && <>: {chain.reason}</>}. {plural(chain.checked, 'entry', 'entries')} checked; the log ends at
        entry #{chain.headSeq}.
      </p>
      <p>
        Entries from there on may have been changed or removed. Keep a copy of the database and tell whoever runs Tacit.
      </p>
    </div>
  );
}
