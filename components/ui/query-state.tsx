'use client';
// A screen fed by a query goes loading → error → empty → content; one component draws the first
// three the same way everywhere, so that each screen writes only its content.
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { EmptyState } from './empty-state';
import { ErrorState } from './error-state';

type QueryLike<T> = { isPending: boolean; isError: boolean; data: T | undefined; refetch: () => unknown };

type QueryStateProps<T> = {
  query: QueryLike<T>;
  /** Whether the loaded data has nothing to show; the empty state is then drawn instead of the content. */
  isEmpty?: (data: T) => boolean;
  empty?: { title: ReactNode; description?: ReactNode; action?: ReactNode };
  /** What the error state says; the common "could not be loaded" otherwise. */
  errorTitle?: ReactNode;
  children: (data: T) => ReactNode;
};

export function QueryState<T>({ query, isEmpty, empty, errorTitle, children }: QueryStateProps<T>) {
  const tCommon = useTranslations('common');
  if (query.isPending) {
    return (
      <p aria-busy="true" className="px-4 py-8 text-center text-sm text-slate-500">
        {tCommon('loading')}
      </p>
    );
  }
  if (query.isError || query.data === undefined) {
    return <ErrorState title={errorTitle ?? tCommon('loadFailed')} retryLabel={tCommon('retry')} onRetry={() => void query.refetch()} />;
  }
  if (isEmpty?.(query.data) && empty) return <EmptyState title={empty.title} description={empty.description} action={empty.action} />;
  return <>{children(query.data)}</>;
}
