import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Appointment } from '@patientdesk/contracts';
import { isMovable } from './appointment-labels';
import type { Column, Interval, PlacedAppointment } from './schedule-layout';

/** Where a dragged appointment would land: a column and a start (minutes after local midnight). */
export type DropTarget = { columnKey: string; minutes: number; appointmentId: string; duration: number };

const SNAP_MINUTES = 15;
const DRAG_THRESHOLD_PX = 4;

type Gesture = {
  item: PlacedAppointment;
  fromColumn: string;
  startX: number;
  startY: number;
  grab: number;
  moved: boolean;
};

/**
 * Dragging appointment blocks to another time or column, with pointer events (mouse, pen or touch). The block
 * shows where it would land; letting go asks the server to move it, where the usual checks apply. Escape cancels.
 */
export function useBlockDrag(options: {
  columns: readonly Column[];
  range: Interval;
  pixelsPerMinute: number;
  enabled: boolean;
  onDrop: (appointment: Appointment, column: Column, minutes: number) => void;
}) {
  const columnElements = useRef(new Map<string, HTMLElement>());
  const latest = useRef(options);
  const gesture = useRef<Gesture | null>(null);
  const suppressClick = useRef(false);
  const [target, setTarget] = useState<DropTarget | null>(null);
  useEffect(() => {
    latest.current = options;
  });

  const targetAt = (x: number, y: number, active: Gesture): DropTarget | null => {
    const { columns, range, pixelsPerMinute } = latest.current;
    const duration = active.item.end - active.item.start;
    for (const column of columns) {
      const rect = columnElements.current.get(column.key)?.getBoundingClientRect();
      if (!rect || x < rect.left || x > rect.right) continue;
      const raw = range.start + (y - active.grab - rect.top) / pixelsPerMinute;
      const snapped = Math.round(raw / SNAP_MINUTES) * SNAP_MINUTES;
      const minutes = Math.max(range.start, Math.min(range.end - duration, snapped));
      return { columnKey: column.key, minutes, appointmentId: active.item.appointment.id, duration };
    }
    return null;
  };

  const stop = useRef<() => void>(() => undefined);

  const onPointerDown = useCallback(
    (event: ReactPointerEvent<HTMLElement>, item: PlacedAppointment, columnKey: string) => {
      suppressClick.current = false;
      if (!latest.current.enabled || event.button !== 0 || !isMovable(item.appointment)) return;
      const rect = event.currentTarget.getBoundingClientRect();
      const active: Gesture = {
        item,
        fromColumn: columnKey,
        startX: event.clientX,
        startY: event.clientY,
        grab: event.clientY - rect.top,
        moved: false,
      };
      gesture.current = active;
      let current: DropTarget | null = null;

      const onMove = (move: PointerEvent) => {
        if (!active.moved) {
          if (Math.hypot(move.clientX - active.startX, move.clientY - active.startY) < DRAG_THRESHOLD_PX)
            return;
          active.moved = true;
        }
        move.preventDefault();
        current = targetAt(move.clientX, move.clientY, active);
        setTarget(current);
      };
      const onUp = () => {
        const landed = current;
        stop.current();
        if (!active.moved) return;
        suppressClick.current = true;
        if (!landed) return;
        const column = latest.current.columns.find((candidate) => candidate.key === landed.columnKey);
        const unchanged = landed.columnKey === active.fromColumn && landed.minutes === active.item.start;
        if (column && !unchanged) latest.current.onDrop(active.item.appointment, column, landed.minutes);
      };
      const onKey = (key: KeyboardEvent) => {
        if (key.key !== 'Escape') return;
        key.preventDefault();
        if (active.moved) suppressClick.current = true;
        stop.current();
      };
      stop.current = () => {
        window.removeEventListener('pointermove', onMove);
        window.removeEventListener('pointerup', onUp);
        window.removeEventListener('pointercancel', onUp);
        window.removeEventListener('keydown', onKey, true);
        gesture.current = null;
        setTarget(null);
      };
      window.addEventListener('pointermove', onMove);
      window.addEventListener('pointerup', onUp);
      window.addEventListener('pointercancel', onUp);
      window.addEventListener('keydown', onKey, true);
    },
    [],
  );

  useEffect(() => () => stop.current(), []);

  /** A click that ends a drag is not a click: the block should not open. */
  const takeClick = useCallback(() => {
    const suppressed = suppressClick.current;
    suppressClick.current = false;
    return !suppressed;
  }, []);

  const columnRef = useCallback(
    (key: string) => (element: HTMLElement | null) => {
      if (element) columnElements.current.set(key, element);
      else columnElements.current.delete(key);
    },
    [],
  );

  return { target, onPointerDown, takeClick, columnRef };
}
