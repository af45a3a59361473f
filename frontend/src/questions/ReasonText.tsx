import { Fragment } from 'react';
import { explanationParts } from '../lib/explanation';

/**
 * The ranking's reason for routing a question to someone (`wrote *Retention
 * policy*; has the skill *Records retention*`), inline: the names it marks
 * are emphasised. Routes carry the sentence without its paths, so the names
 * are not links.
 */
export function ReasonText({ text }: { text: string }) {
  const sentence = text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  return (
    <>
      {explanationParts(sentence, []).map((part, i) =>
        'text' in part ? <Fragment key={i}>{part.text}</Fragment> : <em key={i}>{part.name}</em>,
      )}
    </>
  );
}
