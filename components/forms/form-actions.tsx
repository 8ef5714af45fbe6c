// The foot of a form that saves through a mutation: the server's refusal, if any, above Cancel and
// the submit button, which says it is saving and cannot be pressed twice meanwhile.
import { Button } from '@/components/ui/button';
import { FormError } from './form-error';

type Props = {
  /** The refusal to show, or null. */
  refusal: string | null;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  cancelLabel: string;
  onCancel: () => void;
};

export function FormActions({ refusal, pending, submitLabel, pendingLabel, cancelLabel, onCancel }: Props) {
  return (
    <>
      {refusal ? <FormError>{refusal}</FormError> : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          {cancelLabel}
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
      </div>
    </>
  );
}
