import { graphql, type ResultOf } from '../graphql';
import { formatDateTime, relativeDays } from '../lib/time';

export const InterviewQuery = graphql(`
  query Interview($id: ID!) {
    interview(id: $id) {
      id
      externalId
      status
      leaverName
      scheduledFor
      startedAt
      completedAt
      publishedAt
      consent
      summary
      leaver {
        id
        name
        status
      }
      interviewer {
        id
        name
      }
      topics {
        id
        name
      }
      successors {
        skill {
          id
          name
        }
        person {
          id
          name
        }
        note
      }
    }
  }
`);

export const TranscriptQuery = graphql(`
  query InterviewTranscript($id: ID!) {
    interview(id: $id) {
      id
      transcript {
        notes
        outsideContacts
        questions {
          position
          text
          origin
          answer
          skill {
            id
            name
          }
        }
      }
    }
  }
`);

/** What a disposal certificate shows, wherever it is listed. */
export const CertificateFields = graphql(`
  fragment CertificateFields on DisposalCertificate {
    id
    interviewId
    leaverName
    part
    rule
    dueOn
    authorisedBy
    authorisedByName
    requestedBy
    requestedByName
    approvedBy
    approvedByName
    disposedAt
    destroyed
    auditSeq
  }
`);

/** What a disposal request shows, wherever it is listed. */
export const DisposalRequestFields = graphql(`
  fragment DisposalRequestFields on DisposalRequest {
    id
    kind
    retentionDays
    reason
    status
    requestedBy
    requestedByName
    requestedAt
    decidedByName
    decidedAt
    note
    canDecide
    canWithdraw
    nextStep
    interview {
      id
      leaverName
      retention {
        hold
      }
    }
  }
`);

export const RetentionQuery = graphql(
  `
    query InterviewRetention($id: ID!) {
      interview(id: $id) {
        id
        completedAt
        retention {
          retentionDays
          defaultDays
          transcriptDueOn
          summaryDueOn
          hold
          holdReason
          holdBy
          holdByName
          holdAt
          disposedAt
          summaryDisposedAt
        }
        certificates {
          ...CertificateFields
        }
        disposalRequests {
          ...DisposalRequestFields
        }
      }
    }
  `,
  [CertificateFields, DisposalRequestFields],
);

export const InterviewsQuery = graphql(`
  query Interviews($first: Int, $after: String, $filter: InterviewFilter) {
    interviews(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          status
          leaverName
          scheduledFor
          publishedAt
          summary
          topics {
            id
            name
          }
        }
      }
    }
  }
`);

export const ScheduleInterview = graphql(`
  mutation ScheduleInterview($input: ScheduleInterviewInput!) {
    scheduleInterview(input: $input) {
      interview {
        id
      }
    }
  }
`);

export const StartInterview = graphql(`
  mutation StartInterview($id: ID!) {
    startInterview(input: { id: $id }) {
      interview {
        id
        status
      }
    }
  }
`);

export const CompleteInterview = graphql(`
  mutation CompleteInterview($id: ID!, $skipUnanswered: Boolean!) {
    completeInterview(input: { id: $id, skipUnanswered: $skipUnanswered }) {
      interview {
        id
        status
      }
    }
  }
`);

export const PublishInterview = graphql(`
  mutation PublishInterview($id: ID!, $summary: String) {
    publishInterview(input: { id: $id, summary: $summary }) {
      interview {
        id
        status
      }
    }
  }
`);

export const RecordConsent = graphql(`
  mutation RecordConsent($id: ID!, $consent: Boolean!) {
    recordConsent(input: { id: $id, consent: $consent }) {
      interview {
        id
        consent
      }
    }
  }
`);

export const UpdateInterview = graphql(`
  mutation UpdateInterview($input: UpdateInterviewInput!) {
    updateInterview(input: $input) {
      interview {
        id
      }
    }
  }
`);

export const AnswerQuestions = graphql(`
  mutation AnswerQuestions($id: ID!, $answers: [AnswerInput!]!) {
    answerQuestions(input: { interviewId: $id, answers: $answers }) {
      interview {
        id
      }
    }
  }
`);

export const AddQuestions = graphql(`
  mutation AddQuestions($id: ID!, $questions: [String!]!) {
    addInterviewQuestions(input: { interviewId: $id, questions: $questions }) {
      interview {
        id
      }
    }
  }
`);

export const NameSuccessor = graphql(`
  mutation NameSuccessor($id: ID!, $skill: ID!, $person: ID!, $note: String) {
    nameSuccessor(input: { interviewId: $id, skillId: $skill, personId: $person, note: $note }) {
      interview {
        id
      }
    }
  }
`);

export const RemoveSuccessor = graphql(`
  mutation RemoveSuccessor($id: ID!, $skill: ID!, $person: ID!) {
    removeSuccessor(input: { interviewId: $id, skillId: $skill, personId: $person }) {
      interview {
        id
      }
    }
  }
`);

export const SetTopics = graphql(`
  mutation SetTopics($id: ID!, $skills: [ID!]!) {
    setInterviewTopics(input: { interviewId: $id, skillIds: $skills }) {
      interview {
        id
      }
    }
  }
`);

export const SetRetention = graphql(`
  mutation SetRetention($input: SetRetentionInput!) {
    setInterviewRetention(input: $input) {
      interview {
        id
      }
    }
  }
`);

export const DisposeInterview = graphql(`
  mutation DisposeInterview($id: ID!) {
    disposeInterview(input: { interviewId: $id }) {
      certificates {
        id
        part
        destroyed
      }
    }
  }
`);

export const DisposalDueQuery = graphql(
  `
    query DisposalDue {
      disposalDue {
        interview {
          id
          externalId
          leaverName
          completedAt
        }
        parts
        dueOn
        rules
        onHold
      }
      disposalRequests {
        ...DisposalRequestFields
      }
      recordsOnHold {
        id
        leaverName
        status
        retention {
          holdReason
          holdBy
          holdByName
          holdAt
        }
      }
      disposalCertificates(first: 50) {
        ...CertificateFields
      }
    }
  `,
  [CertificateFields, DisposalRequestFields],
);

export const RequestDisposal = graphql(`
  mutation RequestDisposal($input: RequestDisposalInput!) {
    requestDisposal(input: $input) {
      request {
        id
        status
      }
    }
  }
`);

export const DecideDisposal = graphql(`
  mutation DecideDisposal($input: DecideDisposalInput!) {
    decideDisposalRequest(input: $input) {
      request {
        id
        status
      }
      certificates {
        id
      }
    }
  }
`);

export type InterviewData = NonNullable<ResultOf<typeof InterviewQuery>['interview']>;
export type Transcript = NonNullable<ResultOf<typeof TranscriptQuery>['interview']>['transcript'];

/** Interview statuses in words. DISPOSED is the transcript's end: a published summary may still be kept. */
export const STATUS_LABEL: Record<string, string> = {
  SCHEDULED: 'Scheduled',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
  PUBLISHED: 'Published',
  DISPOSED: 'Transcript disposed of',
};

/** When it is (or was) scheduled, e.g. "3 Nov 2026, 14:05", with how far off while it is still to come: "(tomorrow)". */
export function scheduledText(scheduledFor: string, status: string): string {
  const when = formatDateTime(scheduledFor);
  const soon = status === 'SCHEDULED' ? relativeDays(scheduledFor, new Date()) : '';
  return soon ? `${when} (${soon})` : when;
}

/** Whether someone with these roles runs interviews. */
export const isHr = (roles: readonly string[]) => roles.includes('HR') || roles.includes('ADMIN');
