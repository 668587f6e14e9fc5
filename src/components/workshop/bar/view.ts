import type { Section } from '../../../lib/workshop/records';
import { el } from './dom';
import { COLLAPSED_KEY } from './storage';

/**
 * The bar itself, phone first: one line while collapsed (status, where to go), the details
 * and the menu when opened. "Leave" sits in the menu and asks once more before it acts.
 */

export type Connection = 'connecting' | 'live' | 'reconnecting' | 'ended';

const STATUS_TEXT: Record<Connection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  ended: 'Workshop ended',
};

export function createBarView(root: HTMLElement, name: string, displayCode: string, onLeave: () => void) {
  const dot = el('span', { className: 'wb-dot' });
  dot.setAttribute('aria-hidden', 'true');
  const status = el('span', { className: 'wb-status' }, STATUS_TEXT.connecting);
  const follow = el('span', { className: 'wb-follow' }, 'Waiting for the instructor…');
  const toggle = el('button', { type: 'button', className: 'wb-toggle secondary' });
  const who = el('span', { className: 'wb-who' }, name);
  const details = el('div', { className: 'wb-details', id: 'wb-details' }, who, ' · Workshop ', el('span', { className: 'wb-code' }, displayCode));
  const note = el('p', { className: 'wb-note', role: 'status' });
  note.setAttribute('aria-live', 'polite');

  // The menu: Leave, then a confirmation in place (no dialog box on a phone).
  const leave = el('button', { type: 'button', className: 'secondary' }, 'Leave workshop…');
  const confirmText = el('span', {}, 'Leave? Your progress stays; join again with the same code to continue.');
  const confirmYes = el('button', { type: 'button', className: 'danger' }, 'Yes, leave');
  const confirmNo = el('button', { type: 'button', className: 'secondary' }, 'Stay');
  const confirmBox = el('div', { className: 'wb-confirm', hidden: true }, confirmText, ' ', confirmYes, ' ', confirmNo);
  const menu = el('div', { className: 'wb-menu' }, leave, confirmBox);
  details.appendChild(menu);

  toggle.setAttribute('aria-controls', 'wb-details');
  const summary = el('div', { className: 'wb-summary' }, el('span', { className: 'wb-live' }, dot, status), follow, toggle);
  root.replaceChildren(summary, details, note);
  root.hidden = false;

  function setCollapsed(collapsed: boolean) {
    root.dataset.collapsed = String(collapsed);
    toggle.setAttribute('aria-expanded', String(!collapsed));
    toggle.textContent = collapsed ? 'More' : 'Less';
    toggle.setAttribute('aria-label', collapsed ? 'Show workshop details and menu' : 'Hide workshop details');
    details.hidden = collapsed;
    if (collapsed) confirmBox.hidden = true;
  }
  const stored = sessionStorage.getItem(COLLAPSED_KEY);
  // Collapsed by default on a phone, where the bar would otherwise cover the lesson.
  setCollapsed(stored ? stored === 'collapsed' : matchMedia('(max-width: 40rem)').matches);
  toggle.addEventListener('click', () => {
    const collapsed = root.dataset.collapsed !== 'true';
    setCollapsed(collapsed);
    try {
      sessionStorage.setItem(COLLAPSED_KEY, collapsed ? 'collapsed' : 'open');
    } catch {
      // Not kept: the next page starts from the default.
    }
  });
  leave.addEventListener('click', () => {
    confirmBox.hidden = false;
    leave.hidden = true;
    confirmNo.focus();
  });
  confirmNo.addEventListener('click', () => {
    confirmBox.hidden = true;
    leave.hidden = false;
    leave.focus();
  });
  confirmYes.addEventListener('click', onLeave);

  return {
    say: (text: string) => void (note.textContent = text),
    setName: (text: string) => void (who.textContent = text),
    setConnection(state: Connection) {
      dot.dataset.live = String(state === 'live');
      status.textContent = STATUS_TEXT[state];
      root.dataset.connection = state;
      if (state === 'ended') {
        leave.textContent = 'Close the workshop bar';
        confirmText.textContent = 'Close the bar? The course stays open.';
        confirmYes.textContent = 'Close';
      }
    },
    follow(text: string | Section | null) {
      if (typeof text === 'string') return follow.replaceChildren(text);
      if (!text) return follow.replaceChildren('Waiting for the instructor…');
      const href = `/lessons/${encodeURIComponent(text.lesson)}/${text.id ? `#${encodeURIComponent(text.id)}` : ''}`;
      const here = location.pathname === `/lessons/${text.lesson}/` && (!text.id || location.hash === `#${text.id}`);
      follow.replaceChildren(
        'Follow the instructor: ',
        el('strong', {}, text.label),
        ' ',
        here ? el('span', {}, '(you are here)') : el('a', { className: 'wb-jump', href }, 'Jump there'),
      );
    },
    hide: () => void (root.hidden = true),
  };
}

export type BarView = ReturnType<typeof createBarView>;
