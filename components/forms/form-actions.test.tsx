import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FormActions } from './form-actions';

const draw = (refusal: string | null, pending: boolean) =>
  renderToStaticMarkup(<FormActions refusal={refusal} pending={pending} submitLabel="Save" pendingLabel="Saving…" cancelLabel="Cancel" onCancel={() => {}} />);

describe('FormActions', () => {
  it('offers Cancel and a submit button, and no alert while nothing was refused', () => {
    const html = draw(null, false);
    expect(html).not.toContain('role="alert"');
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*>Save<\/button>/);
    expect(html).toContain('>Cancel</button>');
  });

  it('announces a refusal and holds the submit button while saving', () => {
    const html = draw('PLU is not active.', true);
    expect(html).toMatch(/role="alert"[^>]*>PLU is not active\.<\/div>/);
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*disabled=""[^>]*>Saving…<\/button>/);
  });
});
