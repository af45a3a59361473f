import { Link } from 'react-router';
import { type FragmentOf, readFragment } from '../graphql';
import { interviewPath } from '../lib/paths';
import { formatDate, formatDateTime } from '../lib/time';
import { CertificateFields } from './queries';

/** A person as an accountability record names them: their name, with the id behind it kept verifiable. */
export function Actor({ name, id }: { name: string | null | undefined; id: string | null | undefined }) {
  if (!id) return null;
  return (
    <span className="actor">
      {name ?? id} <span className="muted actor__id">({id})</span>
    </span>
  );
}

/** Disposal certificates: what was destroyed, by which rule, on whose authority (and, for early destruction, whose approval). */
export function Certificates({
  certificates,
  showRecord = false,
}: {
  certificates: ReadonlyArray<FragmentOf<typeof CertificateFields>>;
  /** Name the record each is about (lists across records). */
  showRecord?: boolean;
}) {
  if (certificates.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="table certificates">
        <caption>Disposal certificates</caption>
        <thead>
          <tr>
            <th scope="col">Certificate</th>
            {showRecord && <th scope="col">Record</th>}
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
          {certificates.map((masked) => {
            const c = readFragment(CertificateFields, masked);
            return (
              <tr key={c.id}>
                <th scope="row">{c.id}</th>
                {showRecord && (
                  <td data-label="Record">
                    <Link to={interviewPath(c.interviewId)}>Interview with {c.leaverName ?? 'a leaver'}</Link>
                  </td>
                )}
                <td data-label="Part">{c.part === 'TRANSCRIPT' ? 'Transcript' : 'Summary'}</td>
                <td data-label="Rule">{c.rule}</td>
                <td data-label="Due">{formatDate(c.dueOn)}</td>
                <td data-label="Disposed of">{formatDateTime(c.disposedAt)}</td>
                <td data-label="Authorised by">
                  <Actor name={c.authorisedByName} id={c.authorisedBy} />
                  {c.approvedBy && (
                    <>
                      <br />
                      Requested by <Actor name={c.requestedByName} id={c.requestedBy} />, approved by{' '}
                      <Actor name={c.approvedByName} id={c.approvedBy} />
                    </>
                  )}
                </td>
                <td data-label="Destroyed">{c.destroyed.join(', ')}</td>
                <td data-label="Audit entry">#{c.auditSeq}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
