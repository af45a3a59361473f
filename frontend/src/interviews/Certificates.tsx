/** A disposal certificate as the API gives it. */
export interface Certificate {
  id: string;
  part: string;
  rule: string;
  dueOn: string;
  authorisedBy: string;
  disposedAt: string;
  destroyed: ReadonlyArray<string>;
  auditSeq: number;
}

/** Disposal certificates: what was destroyed, by which rule, on whose authority. */
export function Certificates({ certificates }: { certificates: ReadonlyArray<Certificate> }) {
  if (certificates.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="table certificates">
        <caption>Disposal certificates</caption>
        <thead>
          <tr>
            <th scope="col">Certificate</th>
            <th scope="col">Part</th>
            <th scope="col">Rule</th>
            <th scope="col">Due</th>
            <th scope="col">Disposed of</th>
            <th scope="col">Authorised by</th>
            <th scope="col">Destroyed</th>
            <th scope="col">Audit entry</th>
          </tr>
        </thead>
        <tbody>
          {certificates.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.id}</th>
              <td data-label="Part">{c.part === 'TRANSCRIPT' ? 'Transcript' : 'Summary'}</td>
              <td data-label="Rule">{c.rule}</td>
              <td data-label="Due">{c.dueOn}</td>
              <td data-label="Disposed of">{new Date(c.disposedAt).toLocaleString()}</td>
              <td data-label="Authorised by">{c.authorisedBy}</td>
              <td data-label="Destroyed">{c.destroyed.join(', ')}</td>
              <td data-label="Audit entry">#{c.auditSeq}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
