import { graphql, type ResultOf } from '../graphql';

/** Everything the question page shows; every mutation answers with it, so the page updates in place. */
export const QuestionFields = graphql(`
  fragment QuestionFields on NetworkQuestion {
    id
    externalId
    text
    visibility
    status
    createdAt
    closedAt
    askedByMe
    asker {
      id
      name
      title
    }
    skills {
      id
      name
    }
    routes {
      person {
        id
        name
        title
      }
      state
      position
      reason
      passedBy {
        id
        name
      }
      note
      routedAt
      respondedAt
    }
    myRoute {
      person {
        id
        name
        title
      }
      state
      position
      reason
      passedBy {
        id
        name
      }
      note
      routedAt
      respondedAt
    }
    answers {
      id
      text
      createdAt
      accepted
      author {
        id
        name
        title
      }
    }
    evidence {
      id
      title
      kind
      url
    }
  }
`);

export const QuestionQuery = graphql(
  `
    query Question($id: ID!) {
      question(id: $id) {
        ...QuestionFields
      }
    }
  `,
  [QuestionFields],
);

/** What a line in the lists needs: the question, where it stands, and (for me) why it came to me. */
export const QuestionSummary = graphql(`
  fragment QuestionSummary on NetworkQuestion {
    id
    text
    status
    visibility
    createdAt
    asker {
      id
      name
    }
    myRoute {
      state
      reason
      routedAt
      passedBy {
        id
        name
      }
      note
    }
    routes {
      state
    }
    answers {
      id
      accepted
    }
  }
`);

export const QuestionsForMeQuery = graphql(
  `
    query QuestionsForMe($first: Int!) {
      questionsForMe(first: $first) {
        ...QuestionSummary
      }
    }
  `,
  [QuestionSummary],
);

export const MyQuestionsQuery = graphql(
  `
    query MyQuestions($first: Int!) {
      myQuestions(first: $first) {
        ...QuestionSummary
      }
    }
  `,
  [QuestionSummary],
);

export const AskQuestion = graphql(
  `
    mutation AskQuestion($input: AskQuestionInput!) {
      askQuestion(input: $input) {
        question {
          ...QuestionFields
        }
      }
    }
  `,
  [QuestionFields],
);

export const AnswerQuestion = graphql(
  `
    mutation AnswerQuestion($questionId: ID!, $text: String!) {
      answerQuestion(input: { questionId: $questionId, text: $text }) {
        answer {
          id
        }
        question {
          ...QuestionFields
        }
      }
    }
  `,
  [QuestionFields],
);

export const DeclineQuestion = graphql(
  `
    mutation DeclineQuestion($questionId: ID!, $note: String) {
      declineQuestion(input: { questionId: $questionId, note: $note }) {
        question {
          ...QuestionFields
        }
      }
    }
  `,
  [QuestionFields],
);

export const PassQuestion = graphql(
  `
    mutation PassQuestion($questionId: ID!, $personId: ID!, $note: String!) {
      passQuestion(input: { questionId: $questionId, personId: $personId, note: $note }) {
        question {
          ...QuestionFields
        }
      }
    }
  `,
  [QuestionFields],
);

export const AcceptAnswer = graphql(
  `
    mutation AcceptAnswer($answerId: ID!) {
      acceptAnswer(input: { answerId: $answerId }) {
        question {
          ...QuestionFields
        }
      }
    }
  `,
  [QuestionFields],
);

export const CloseQuestion = graphql(
  `
    mutation CloseQuestion($questionId: ID!) {
      closeQuestion(input: { questionId: $questionId }) {
        question {
          ...QuestionFields
        }
      }
    }
  `,
  [QuestionFields],
);

export const NetworkStatsQuery = graphql(`
  query NetworkStats($days: Int!) {
    networkStats(days: $days) {
      days
      asked
      answered
      closed
      open
      answeredWithinDay
      medianHoursToFirstAnswer
      perWeek {
        week
        questions
      }
      people {
        person {
          id
          name
        }
        routed
        answered
        declined
        passed
      }
      openBySkill {
        skill {
          id
          name
        }
        open
      }
    }
  }
`);

/** How questions are routed and whether anyone is told outside Tacit: the wording follows it. */
export const NetworkSettingsQuery = graphql(`
  query NetworkSettings {
    networkSettings {
      people
      maxOpenPerWeek
      leavingWithinDays
      email
      webhook
    }
  }
`);

/** Just enough of the questions for me to count those waiting (the navigation's badge). */
export const QuestionsWaitingQuery = graphql(`
  query QuestionsWaiting($first: Int!) {
    questionsForMe(first: $first) {
      id
      status
      myRoute {
        state
      }
    }
  }
`);

export type Question = ResultOf<typeof QuestionFields>;
export type Route = Question['routes'][number];
export type QuestionLine = ResultOf<typeof QuestionSummary>;
export type NetworkStats = ResultOf<typeof NetworkStatsQuery>['networkStats'];
export type NetworkSettings = ResultOf<typeof NetworkSettingsQuery>['networkSettings'];

/**
 * Whether a route still waits for its person: only while they have not
 * replied and the question is open (once the asker accepts an answer or
 * closes it, nobody still "Asked" need reply).
 */
export function isWaiting(status: string, routeState: string | null | undefined): boolean {
  return status === 'OPEN' && routeState === 'ROUTED';
}

/** The server's longest question, answer and note (`domain::limits`). */
export const MAX_QUESTION = 2000;
export const MAX_ANSWER = 20000;
export const MAX_NOTE = 1000;

export const STATUS_LABEL: Record<string, string> = {
  OPEN: 'Open',
  ANSWERED: 'Answered',
  CLOSED: 'Closed: none helped',
};

/** What became of the question with one person, in words. */
export const ROUTE_LABEL: Record<string, string> = {
  ROUTED: 'Asked, waiting',
  ANSWERED: 'Answered',
  DECLINED: 'Said not me',
  PASSED: 'Passed it on',
  SKIPPED: 'Not asked',
  // They left while it waited for them, so it went on to the next person.
  WITHDRAWN: 'No longer asked: left',
};

export const VISIBILITY_TEXT = {
  PUBLIC: 'Public: the answer that helps is kept as evidence anyone can find, so the next person asking finds it.',
  PRIVATE: 'Private: only you, the people asked, HR and admins see it, and nothing is kept as evidence.',
} as const;
