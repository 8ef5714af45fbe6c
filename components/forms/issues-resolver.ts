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
