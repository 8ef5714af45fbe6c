// The daily report form's optional productive hours, between the text of its field and the API's
// number: optional, so an empty field is "not counted" (null), never 0.

/** The field's text for a stored value: empty when the report did not count them. */
export function hoursText(hours: number | null): string {
  return hours === null ? '' : String(hours);
}

/**
 * The API's value for the field's text: null when empty; a decimal comma is read as a point (a
 * French keyboard in a text field); anything else that is not a number stays NaN, so that the server
 * refuses it and names the field rather than the form dropping it silently.
 */
export function optionalHours(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+(?:[.,]\d+)?$/.test(trimmed) ? Number(trimmed.replace(',', '.')) : Number.NaN;
}
