import { describe, expect, it } from 'vitest';
import { calendarDay, calendarDaysBetween, isWorkingDay, type SiteCalendar } from './days';

const weekdays: SiteCalendar['weeklyHours'] = {
  mon: [['08:00', '18:00']],
  tue: [['08:00', '18:00']],
  wed: [['08:00', '18:00']],
  thu: [['08:00', '18:00']],
  fri: [['08:00', '18:00']],
  sat: [['09:00', '13:00']],
};

describe('calendarDay', () => {
  const calendar: SiteCalendar = {
    weeklyHours: weekdays,
    holidays: [{ observedOn: '2026-03-20', name: 'End of Ramadan (Eid al-Fitr)' }, { observedOn: '2026-03-20', name: "Fête de l'indépendance" }],
    periods: [
      { kind: 'special', name: 'Ramadan hours', startsOn: '2026-02-18', endsOn: '2026-03-19', hours: { mon: [['09:00', '15:00']], fri: [['09:00', '13:00']] } },
      { kind: 'closed', name: 'Strike', startsOn: '2026-03-05', endsOn: '2026-03-05', hours: null },
      { kind: 'special', name: 'Training day', startsOn: '2026-03-09', endsOn: '2026-03-09', hours: null },
    ],
  };

  it('gives a working day its weekly hours, a weekly closed day no hours', () => {
    expect(calendarDay(calendar, '2026-01-05')).toEqual({ date: '2026-01-05', kind: 'working', name: null, hours: [['08:00', '18:00']] });
    expect(calendarDay(calendar, '2026-01-04')).toEqual({ date: '2026-01-04', kind: 'closed', name: null, hours: [] });
  });

  it('closes a holiday, joining the names of two on one date, even inside a special period', () => {
    expect(calendarDay(calendar, '2026-03-20')).toEqual({ date: '2026-03-20', kind: 'holiday', name: "End of Ramadan (Eid al-Fitr) · Fête de l'indépendance", hours: [] });
  });

  it('lets a closure win over a special period, and the later period over the earlier', () => {
    expect(calendarDay(calendar, '2026-03-05')).toMatchObject({ kind: 'closed', name: 'Strike', hours: [] });
    expect(calendarDay(calendar, '2026-03-09')).toMatchObject({ kind: 'special', name: 'Training day', hours: [['00:00', '24:00']] });
  });

  it('replaces the weekly hours by the special period’s, a weekday it leaves out being closed', () => {
    expect(calendarDay(calendar, '2026-03-02')).toMatchObject({ kind: 'special', name: 'Ramadan hours', hours: [['09:00', '15:00']] });
    const tuesday = calendarDay(calendar, '2026-03-03');
    expect(tuesday).toMatchObject({ kind: 'special', hours: [] });
    expect(isWorkingDay(tuesday)).toBe(false);
  });

  it('lists every day of a range, both ends included, across a year end', () => {
    const days = calendarDaysBetween({ weeklyHours: null, holidays: [], periods: [] }, '2026-12-30', '2027-01-02');
    expect(days.map((d) => d.date)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(days.every(isWorkingDay)).toBe(true);
    expect(calendarDaysBetween({ weeklyHours: null, holidays: [], periods: [] }, '2027-01-02', '2027-01-01')).toEqual([]);
  });
});
