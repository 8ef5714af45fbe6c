// react-hook-form's view of a form checked by its own function (the form's values turned into the
// API's input and checked with the schema the server uses, each issue a field path and a message
// key), for forms whose fields do not map one to one onto the schema's (contracts, alert rules).
import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';

export function issuesResolver<T extends FieldValues, Issue>(check: (values: T) => Issue[], errorsOf: (issues: Issue[]) => FieldErrors<T>): Resolver<T> {
  return async (values) => {
    const issues = check(values);
    return issues.length === 0 ? { values, errors: {} } : { values: {}, errors: errorsOf(issues) };
  };
}

/** react-hook-form's errors from issues named by field path: nested where the field is (terms.0.threshold). */
export function nestedFieldErrors<T extends FieldValues>(issues: readonly { field: string; key: string }[]): FieldErrors<T> {
  const errors: Record<string, unknown> = {};
  for (const { field, key } of issues) {
    const parts = field.split('.');
    let node = errors;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = { type: 'validate', message: key };
      else {
        const nextIsIndex = /^\d+$/.test(parts[i + 1]!);
        node[part] ??= nextIsIndex ? [] : {};
        node = node[part] as Record<string, unknown>;
      }
    });
  }
  return errors as FieldErrors<T>;
}
