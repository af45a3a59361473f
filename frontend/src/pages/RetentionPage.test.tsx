import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { authPerson, meAs } from '../test/mockAuth';
import { mockApi } from '../test/mockApi';
import { renderAt } from '../test/render';

const hr = meAs(authPerson('p-hr', 'Orla Quinn', { title: 'HR Partner' }), ['HR']);

describe('Retention page', () => {
  it('lists requests to decide, records on hold with who placed them, and certificates naming both people', async () => {
    mockApi({
      DisposalDue: () => ({
        disposalDue: [],
        disposalRequests: [
          {
            id: 'dr-1',
            kind: 'DISPOSE',
            retentionDays: null,
            reason: 'The leaver asked',
            status: 'PENDING',
            requestedBy: 'person:p9',
            requestedByName: 'Wing Chan',
            requestedAt: '2026-12-06T10:00:00Z',
            decidedByName: null,
            decidedAt: null,
            note: null,
            canDecide: true,
            canWithdraw: false,
            nextStep: 'Waiting for a second HR or admin person to approve or reject it; the requester may withdraw it.',
            interview: { id: 'iv1', leaverName: 'Ben Okafor', retention: { hold: false } },
          },
        ],
        recordsOnHold: [
          {
            id: 'iv2',
            leaverName: 'Laura Singh',
            status: 'PUBLISHED',
            retention: {
              holdReason: 'Inquiry REF-7',
              holdBy: 'person:p-hr',
              holdByName: 'Orla Quinn',
              holdAt: '2026-12-05T09:30:00Z',
            },
          },
        ],
        disposalCertificates: [
          {
            interviewId: 'iv3',
            leaverName: 'Oliver Parry',
            id: 'dc-1',
            part: 'TRANSCRIPT',
            rule: 'transcript: disposed of early on request (The leaver asked)',
            dueOn: '2026-12-06',
            authorisedBy: 'person:p9',
            authorisedByName: 'Wing Chan',
            requestedBy: 'person:e0042',
            requestedByName: 'Erased person',
            approvedBy: 'person:p9',
            approvedByName: 'Wing Chan',
            disposedAt: '2026-12-06T11:00:00Z',
            destroyed: ['answers (6)'],
            auditSeq: 41,
          },
        ],
      }),
    });
    renderAt('/hr/retention', hr);
    const requests = await screen.findByRole('region', { name: 'Early destruction requests' });
    expect(within(requests).getByRole('link', { name: 'interview with Ben Okafor' })).toBeTruthy();
    expect(within(requests).getByRole('button', { name: 'Approve' })).toBeTruthy();
    const holds = screen.getByRole('region', { name: 'Records on hold' });
    expect(within(holds).getByText('Inquiry REF-7')).toBeTruthy();
    expect(holds.textContent).toContain('placed by Orla Quinn (person:p-hr) on 5 Dec 2026');
    const certificates = screen.getByRole('table', { name: 'Disposal certificates' });
    expect(certificates.textContent).toContain(
      'Requested by Erased person (person:e0042), approved by Wing Chan (person:p9)',
    );
    expect(within(certificates).getByText('6 Dec 2026')).toBeTruthy();
    expect(within(certificates).getByRole('link', { name: 'Interview with Oliver Parry' })).toBeTruthy();
  });
});
