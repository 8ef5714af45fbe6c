// A RAG status as a shape and a word, never as colour alone: a check in a circle (green), an
// exclamation mark in a triangle (amber), a cross in a diamond (red).
import { useTranslations } from 'next-intl';
import type { Rag } from '@/lib/kpi/definitions';
import { cn } from '@/components/ui/cn';

const shapes: Record<Rag, { className: string; path: string; mark: string }> = {
  green: { className: 'text-emerald-600', path: 'M10 2a8 8 0 1 1 0 16a8 8 0 0 1 0-16Z', mark: 'M6.5 10.2l2.3 2.3 4.7-4.9' },
  amber: { className: 'text-amber-500', path: 'M10 2.2 18.4 17H1.6L10 2.2Z', mark: 'M10 7.5v4M10 14.2v.1' },
  red: { className: 'text-red-600', path: 'M10 1.5 18.5 10 10 18.5 1.5 10 10 1.5Z', mark: 'M7.4 7.4l5.2 5.2M12.6 7.4l-5.2 5.2' },
};

export function RagMark({ rag, className }: { rag: Rag | null; className?: string }) {
  const t = useTranslations('kpi.rag');
  if (rag === null) return null;
  const shape = shapes[rag];
  return (
    <span className={cn('inline-flex shrink-0 items-center', className)} title={t(rag)} data-rag={rag}>
      <svg aria-hidden="true" viewBox="0 0 20 20" className={cn('size-3.5', shape.className)}>
        <path d={shape.path} fill="currentColor" />
        <path d={shape.mark} fill="none" stroke="white" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <span className="sr-only">{t(rag)}</span>
    </span>
  );
}
