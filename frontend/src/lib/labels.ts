/** Words for enum values from the API; unknown values are turned into plain words. */
const LABELS: Record<string, string> = {
  ACTIVE: 'Active',
  LEAVING: 'Leaving',
  LEFT: 'Left',
  SELF: 'Self-declared',
  SELF_DECLARED: 'Self-declared',
  ENDORSED: 'Endorsed',
  EVIDENCE: 'From evidence',
  EVIDENCED: 'From evidence',
  HARVESTED: 'From a handover interview',
  LEAD: 'Lead',
  EXPERT: 'Expert',
  MEMBER: 'Member',
};

export function label(value: string | null | undefined): string {
  if (!value) return '';
  const known = LABELS[value.toUpperCase()];
  if (known) return known;
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const LEVEL_WORDS = ['', 'Awareness', 'Beginner', 'Practitioner', 'Advanced', 'Expert'];

export function levelLabel(level: number): string {
  return LEVEL_WORDS[level] ?? `Level ${level}`;
}
