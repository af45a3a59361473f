import { STATUS_LABEL } from './queries';

/** Open, Answered, or Closed: none helped. */
export function QuestionStatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge--question badge--question-${status.toLowerCase()}`}>
      {STATUS_LABEL[status] ?? status}
    </span>
  );
}
