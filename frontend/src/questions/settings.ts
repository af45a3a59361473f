import { useQuery } from '../api/useQuery';
import { plural } from '../lib/text';
import { NetworkSettingsQuery, type NetworkSettings } from './queries';

const NO_VARIABLES = {};

/** The server's network settings, once known (the wording waits for them rather than guessing). */
export function useNetworkSettings(): NetworkSettings | undefined {
  return useQuery(NetworkSettingsQuery, NO_VARIABLES).data?.networkSettings;
}

/**
 * How people hear of a question that comes to them, in words that are true
 * for this server: "by e-mail", "by e-mail and in chat", "in chat", or, with
 * neither configured, only in Tacit (under Questions).
 */
export function howToldText(s: Pick<NetworkSettings, 'email' | 'webhook'> | undefined): string {
  if (!s) return 'under Questions in Tacit';
  if (s.email && s.webhook) return 'by e-mail and in the team chat, and under Questions in Tacit';
  if (s.email) return 'by e-mail, and under Questions in Tacit';
  if (s.webhook) return 'in the team chat, and under Questions in Tacit';
  return 'under Questions in Tacit (nobody is e-mailed)';
}

/** Whether anyone hears of questions outside Tacit. */
export function toldOutside(s: Pick<NetworkSettings, 'email' | 'webhook'> | undefined): boolean {
  return Boolean(s && (s.email || s.webhook));
}

/** "goes to the 3 people most likely to know; nobody gets more than 5 a week". */
export function routingText(s: Pick<NetworkSettings, 'people' | 'maxOpenPerWeek'> | undefined): string {
  if (!s) return 'goes to the few people most likely to know; nobody gets more than their fair share a week';
  return `goes to the ${s.people === 1 ? 'one person' : plural(s.people, 'person', 'people')} most likely to know; nobody gets more than ${s.maxOpenPerWeek} a week`;
}
