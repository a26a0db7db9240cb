// Time-zone helper for specs that plan "today": a zone where it is early morning right now, so the
// whole default working day is still ahead whenever the suite runs.

/** An Etc/GMT zone where the local hour is 7 now (Etc/GMT-7 is UTC+7: POSIX signs are inverted). */
export function zoneWhereItIsSeven(now = new Date()): string {
  let offset = (((7 - now.getUTCHours()) % 24) + 24) % 24;
  if (offset > 14) offset -= 24;
  if (offset === 0) return "Etc/GMT";
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}
