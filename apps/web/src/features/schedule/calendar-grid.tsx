import type { Appointment } from '@patientdesk/contracts';
import type { CSSProperties, MouseEvent } from 'react';
import { formatMinutes, type PlainDate } from '../../lib/zoned-time';
import { AppointmentBlock } from './appointment-block';
import type { Column, Interval } from './schedule-layout';
import { useBlockDrag } from './use-block-drag';

export const PIXELS_PER_MINUTE = 1.1;
const MIN_BLOCK_PX = 17;

type CalendarGridProps = {
  label: string;
  columns: Column[];
  range: Interval;
  zoneLabel: string;
  today: PlainDate;
  nowMinutes: number;
  selectedId: string | null;
  pendingIds: ReadonlySet<string>;
  panelId: string;
  canWrite: boolean;
  onOpen: (appointment: Appointment) => void;
  onMove: (appointment: Appointment, column: Column, minutes: number) => void;
  onFree: (column: Column, minutes: number) => void;
};

const px = (minutes: number) => minutes * PIXELS_PER_MINUTE;

/**
 * The calendar: a time axis in the location's local time, and a column per provider, room or day. Working time is
 * lighter; free time can be clicked to book; appointments can be opened, or dragged to another time or column.
 */
export function CalendarGrid(props: CalendarGridProps) {
  const { columns, range } = props;
  const drag = useBlockDrag({
    columns,
    range,
    pixelsPerMinute: PIXELS_PER_MINUTE,
    enabled: props.canWrite,
    onDrop: props.onMove,
  });
  const hours: number[] = [];
  for (let minute = range.start; minute < range.end; minute += 60) hours.push(minute);
  const style = {
    '--columns': columns.length,
    '--hour': `${px(60)}px`,
    '--body': `${px(range.end - range.start)}px`,
  } as CSSProperties;

  const onFreeClick = (event: MouseEvent<HTMLElement>, column: Column, interval: Interval) => {
    const rect = event.currentTarget.parentElement?.getBoundingClientRect();
    if (!rect) return;
    const raw = range.start + (event.clientY - rect.top) / PIXELS_PER_MINUTE;
    const snapped = Math.floor(raw / 15) * 15;
    props.onFree(column, Math.max(interval.start, Math.min(interval.end - 15, snapped)));
  };

  return (
    <div
      className={drag.target ? 'cal dragging' : 'cal'}
      style={style}
      role="region"
      aria-label={props.label}
    >
      <div className="cal-head" aria-hidden="true">
        <div className="cal-corner">{props.zoneLabel}</div>
        {columns.map((column) => (
          <div
            key={column.key}
            className={column.date === props.today ? 'cal-col-head today' : 'cal-col-head'}
          >
            <span className="cal-col-title">{column.label}</span>
            {column.sublabel ? <span className="cal-col-sub">{column.sublabel}</span> : null}
          </div>
        ))}
      </div>
      <div className="cal-body">
        <div className="cal-axis" aria-hidden="true">
          {hours.map((minute) => (
            <span key={minute} className="cal-hour" style={{ top: px(minute - range.start) }}>
              {formatMinutes(minute)}
            </span>
          ))}
        </div>
        {columns.map((column) => {
          const isToday = column.date === props.today;
          const ghost = drag.target?.columnKey === column.key ? drag.target : null;
          return (
            <section
              key={column.key}
              ref={drag.columnRef(column.key)}
              role="group"
              className={isToday ? 'cal-col today' : 'cal-col'}
              aria-label={`${column.label}${column.sublabel ? `, ${column.sublabel}` : ''}: ${column.placed.length === 0 ? 'no appointments' : `${column.placed.length} appointments`}`}
              data-date={column.date}
              data-first-minute={range.start}
              data-pixels-per-minute={PIXELS_PER_MINUTE}
            >
              {column.open.map((interval) => (
                <div
                  key={`open-${interval.start}`}
                  className="cal-open"
                  style={{ top: px(interval.start - range.start), height: px(interval.end - interval.start) }}
                />
              ))}
              {props.canWrite
                ? column.free.map((interval) => (
                    <div
                      key={`free-${interval.start}`}
                      className="cal-free"
                      title={`Free ${formatMinutes(interval.start)}–${formatMinutes(interval.end)}: click to book`}
                      style={{
                        top: px(interval.start - range.start),
                        height: px(interval.end - interval.start),
                      }}
                      onClick={(event) => onFreeClick(event, column, interval)}
                    />
                  ))
                : null}
              {isToday && props.nowMinutes >= range.start && props.nowMinutes <= range.end ? (
                <div className="cal-now" style={{ top: px(props.nowMinutes - range.start) }} />
              ) : null}
              {column.placed.map((item) => (
                <AppointmentBlock
                  key={item.appointment.id}
                  item={item}
                  top={px(item.start - range.start)}
                  height={Math.max(MIN_BLOCK_PX, px(item.end - item.start) - 1)}
                  selected={item.appointment.id === props.selectedId}
                  pending={
                    props.pendingIds.has(item.appointment.id) ||
                    drag.target?.appointmentId === item.appointment.id
                  }
                  narrow={item.lanes >= 3 || (columns.length > 3 && item.lanes >= 2)}
                  panelId={props.panelId}
                  onOpen={() => {
                    if (drag.takeClick()) props.onOpen(item.appointment);
                  }}
                  onPointerDown={(event) => drag.onPointerDown(event, item, column.key)}
                />
              ))}
              {ghost ? (
                <div
                  className="cal-ghost"
                  style={{ top: px(ghost.minutes - range.start), height: px(ghost.duration) }}
                  aria-hidden="true"
                >
                  Move to {formatMinutes(ghost.minutes)}
                </div>
              ) : null}
            </section>
          );
        })}
      </div>
    </div>
  );
}
