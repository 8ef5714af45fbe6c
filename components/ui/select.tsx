import type { ReactNode, SelectHTMLAttributes } from 'react';
import { cn } from './cn';
import { controlClasses, Field } from './input';

export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={cn(controlClasses, 'h-9 pr-8', className)} {...props} />;
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  options: { value: string; label: string }[];
};

export function SelectField({ id, label, hint, error, options, className, ...props }: SelectFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      {(aria) => (
        <Select {...aria} {...props}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
