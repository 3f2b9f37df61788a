// `1:S 10 Mar 2024 04:15:05.953 * msg` -> the parts worth a column each; the pid and date are noise on a
// projector, while the role letter is the lesson (it flips from S to M at the promotion).
const LINE_RE =
  /^(?:\S+Z\s+)?\d+:([MSCX]) \d{1,2} [A-Z][a-z]{2} (?:\d{4} )?(\d{2}:\d{2}:\d{2}\.\d{3}) ([.\-*#]) (.*)$/;

export interface LogParts {
  role: "M" | "S" | "C" | "X";
  time: string;
  message: string;
}

export function splitLogLine(line: string): LogParts | null {
  const m = LINE_RE.exec(line);
  return m ? { role: m[1] as LogParts["role"], time: m[2], message: m[4] } : null;
}
