/** The per-day bar chart: backups per UTC day, stacked by provider. */
import type { DayCount } from "../report.js";
import { el, svg } from "./dom.js";

const COLORS = { zcom: "#3565d6", onapp: "#e0782c" } as const;

export function renderChart(box: HTMLElement, days: readonly DayCount[]): void {
  if (days.length === 0) {
    box.replaceChildren(el("div", { class: "empty", text: "No dated backups." }));
    return;
  }
  const left = 34;
  const top = 18;
  const plot = 150;
  const bottom = 40;
  const room = Math.max(400, box.clientWidth - 4);
  const slot = Math.max(36, Math.min(140, (room - left - 10) / days.length));
  const width = Math.max(room, left + days.length * slot + 10);
  const height = top + plot + bottom;
  const max = Math.max(...days.map((day) => day.total));
  const step = max <= 5 ? 1 : Math.ceil(max / 5);
  const chart = svg("svg", {
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": "Backups per day",
  });
  for (let v = 0; v <= max; v += step) {
    const y = top + plot - (v / max) * plot;
    chart.append(svg("line", { x1: left, x2: width - 6, y1: y, y2: y, stroke: "#e4e7ec" }));
    chart.append(
      svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "#667085", text: v }),
    );
  }
  let lastYear = "";
  days.forEach((day, i) => {
    const w = Math.round(Math.min(48, slot * 0.58));
    const x = left + i * slot + (slot - w) / 2;
    let y = top + plot;
    for (const provider of ["zcom", "onapp"] as const) {
      const n = day[provider];
      if (!n) continue;
      const h = (n / max) * plot;
      y -= h;
      const bar = svg("rect", {
        x,
        y,
        width: w,
        height: h,
        rx: 2,
        fill: COLORS[provider],
        class: `bar ${provider}`,
        "data-date": day.date,
        "data-count": n,
      });
      bar.append(svg("title", { text: `${day.date}: ${n} ${provider} backup${n === 1 ? "" : "s"}` }));
      chart.append(bar);
    }
    const middle = { x: x + w / 2, "text-anchor": "middle" };
    chart.append(
      svg("text", {
        ...middle,
        y: y - 4,
        "font-size": 11,
        "font-weight": 600,
        fill: "#344054",
        text: day.total,
      }),
    );
    chart.append(
      svg("text", {
        ...middle,
        y: top + plot + 15,
        "font-size": 11,
        fill: "#475467",
        text: day.date.slice(5),
      }),
    );
    const year = day.date.slice(0, 4);
    if (year !== lastYear) {
      chart.append(
        svg("text", { ...middle, y: top + plot + 30, "font-size": 10, fill: "#98a2b3", text: year }),
      );
      lastYear = year;
    }
  });
  box.replaceChildren(chart);
}
