/**
 * Reminders as desktop notifications (DOMAIN.md: deadlines are chased): when the person signs
 * in, and every half hour after, the overdue and near-deadline documents of their boxes (and,
 * for the clerk, the issued documents late to be sent) are counted; they are told once a day,
 * and again the same day only when a count has grown.
 */
import { useEffect } from 'react';
import type { Role } from '../../../src-shared/domain/enums';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import { useApi, usePlatform } from '../../app/services';
import { useStrings } from '../../i18n';
import { boxById, boxQuery } from '../register/boxes';

const EVERY_MS = 30 * 60 * 1000;

interface Reminded {
  day: string;
  overdue: number;
  near: number;
  sendLate?: number;
}

export function useDeadlineReminders(organisationId: number, user: { id: number; role: Role }): void {
  const t = useStrings();
  const api = useApi();
  const platform = usePlatform();

  const { id, role } = user;
  useEffect(() => {
    if (!organisationId) return;
    const person = { id, role };
    const key = `vanthu.reminded.${id}.${organisationId}`;
    let alive = true;
    const count = async (box: 'in-overdue' | 'in-near' | 'out-late') =>
      (await api.call('document.list', { ...boxQuery(boxById(box), person), organisationId, limit: 1 })).total;

    async function check() {
      const [overdue, near, sendLate] = await Promise.all([
        count('in-overdue'),
        count('in-near'),
        role === 'clerk' ? count('out-late') : 0,
      ]);
      if (!alive || overdue + near + sendLate === 0) return;
      const day = todayInVietnam();
      let last: Reminded | null = null;
      try {
        last = JSON.parse(localStorage.getItem(key) ?? 'null') as Reminded | null;
      } catch {
        last = null; // a damaged note only means one reminder too many
      }
      if (last && last.day === day && overdue <= last.overdue && near <= last.near && sendLate <= (last.sendLate ?? 0))
        return;
      platform.notify(t.handling.reminderTitle, t.handling.reminderBody(overdue, near, sendLate));
      localStorage.setItem(key, JSON.stringify({ day, overdue, near, sendLate } satisfies Reminded));
    }

    const run = () => void check().catch(() => undefined); // the boxes show any real error
    run();
    const timer = window.setInterval(run, EVERY_MS);
    return () => {
      alive = false;
      window.clearInterval(timer);
    };
  }, [api, platform, organisationId, id, role, t]);
}
