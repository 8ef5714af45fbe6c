// An edit of an alert rule (alerts.rules.update, the /settings/alerts form): the whole rule as
// alertRuleInput takes it, except that a webhook's secret may be left empty to keep the stored
// one (the form never shows it). The server fills the kept secrets in and then validates the
// result with alertRuleInput itself, so an edit obeys every rule a creation does.
import { z } from 'zod';
import { alertRuleInput, emailChannel, MAX_CHANNELS, webhookChannel } from './rule-input';

export const webhookChannelEdit = webhookChannel.extend({
  secret: z.union([z.literal(''), webhookChannel.shape.secret]).optional(),
});
export const alertChannelEdit = z.discriminatedUnion('kind', [emailChannel, webhookChannelEdit]);
export type AlertChannelEdit = z.infer<typeof alertChannelEdit>;

export const alertRuleEdit = z.object({ ...alertRuleInput.shape, channels: z.array(alertChannelEdit).max(MAX_CHANNELS).default([]) }).strict();
export type AlertRuleEdit = z.input<typeof alertRuleEdit>;

export const alertRuleIdInput = z.object({ id: z.number().int().positive() }).strict();
export const updateAlertRuleInput = z.object({ id: z.number().int().positive(), rule: alertRuleEdit }).strict();
export const setAlertRuleEnabledInput = z.object({ id: z.number().int().positive(), enabled: z.boolean() }).strict();
