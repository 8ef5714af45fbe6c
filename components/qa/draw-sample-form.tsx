'use client';
// HQ draws a calibration worklist: a random sample of a site's evaluations over a period, among
// those not yet re-scored. The server draws with its own seed.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { FormError } from '@/components/forms/form-error';
import { refusedFields, serverMessageOf } from '@/components/forms/trpc-errors';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { worklistHref } from './qa-links';

type Props = { sites: { code: string; name: string }[]; from: string; to: string; defaultSite?: string };

export function DrawSampleForm({ sites, from, to, defaultSite }: Props) {
  const t = useTranslations('qa.calibration.draw');
  const tCommon = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const id = useId();
  const [form, setForm] = useState({ site: defaultSite ?? sites[0]?.code ?? '', from, to, size: '10' });
  const draw = useMutation(
    trpc.qa.calibration.draw.mutationOptions({
      onSuccess: async (drawn) => {
        await queryClient.invalidateQueries({ queryKey: trpc.qa.calibration.pathKey() });
        router.push(worklistHref(drawn.site, drawn.id));
      },
    }),
  );
  const refused = refusedFields(draw.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    draw.mutate({ site: form.site, from: form.from, to: form.to, size: Number(form.size) });
  }

  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  return (
    <Card labelledBy="draw-title">
      <CardHeader id="draw-title" title={t('title')} description={t('description')} />
      <CardBody>
        <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
          <div className="w-52 space-y-1">
            <label htmlFor={`${id}-site`} className="block text-xs font-medium text-slate-700">
              {t('site')}
            </label>
            <Select id={`${id}-site`} value={form.site} onChange={(e) => set('site')(e.target.value)} aria-invalid={refused.has('site')}>
              {sites.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.code} · {s.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="w-40 space-y-1">
            <label htmlFor={`${id}-from`} className="block text-xs font-medium text-slate-700">
              {t('from')}
            </label>
            <Input id={`${id}-from`} type="date" required value={form.from} onChange={(e) => set('from')(e.target.value)} aria-invalid={refused.has('from')} />
          </div>
          <div className="w-40 space-y-1">
            <label htmlFor={`${id}-to`} className="block text-xs font-medium text-slate-700">
              {t('to')}
            </label>
            <Input id={`${id}-to`} type="date" required value={form.to} onChange={(e) => set('to')(e.target.value)} aria-invalid={refused.has('to')} />
          </div>
          <div className="w-24 space-y-1">
            <label htmlFor={`${id}-size`} className="block text-xs font-medium text-slate-700">
              {t('size')}
            </label>
            <Input
              id={`${id}-size`}
              type="number"
              min={1}
              max={200}
              step={1}
              required
              value={form.size}
              onChange={(e) => set('size')(e.target.value)}
              aria-invalid={refused.has('size')}
            />
          </div>
          <div className="flex items-end">
            <Button type="submit" disabled={draw.isPending || !form.site}>
              {draw.isPending ? t('drawing') : t('submit')}
            </Button>
          </div>
        </form>
        {draw.isError ? (
          <div className="mt-3">
            <FormError>{serverMessageOf(draw.error) ?? tCommon('saveFailed')}</FormError>
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
